import type { Facet } from '../../../common/taxonomy/index.ts';
import { countChosen, type FacetSearch, selectionOf, withFacet, withoutFacets } from './directory.ts';
import { useSearchText } from './use-search-text.ts';

/** How a page changes its URL search (a route's `useNavigate`, narrowed to what this needs). */
type NavigateSearch<S> = (options: {
  search: (s: S) => S;
  replace?: boolean;
  resetScroll?: boolean;
}) => unknown;

/**
 * Words and facet filters kept in the URL, as the directory and the ecosystem member list use them.
 * Changes keep the scroll position: the sidebar and the pages holding it are long.
 */
export function useFacetSearch<S extends FacetSearch>(search: S, navigate: NavigateSearch<S>) {
  const selection = selectionOf(search);
  const [text, setText] = useSearchText(search.q, (q) =>
    navigate({ search: (s) => ({ ...s, q }), replace: true, resetScroll: false }),
  );
  const setFacet = (facet: Facet, keys: string[]) =>
    navigate({ search: (s) => withFacet(s, facet, keys), resetScroll: false });
  return {
    selection,
    chosen: countChosen(selection),
    text,
    setText,
    setFacet,
    removeKey: (facet: Facet, key: string) =>
      setFacet(
        facet,
        (selection[facet] ?? []).filter((k) => k !== key),
      ),
    clearFilters: () => navigate({ search: (s) => withoutFacets(s), resetScroll: false }),
  };
}

/** The facet sidebar's props for a page of directory results. */
export function sidebarProps(
  result: { isError: boolean; first?: { facets: FacetCountsLike; approximate: boolean } },
  filters: ReturnType<typeof useFacetSearch>,
) {
  return {
    facets: result.isError ? {} : result.first?.facets,
    approximate: result.first?.approximate ?? false,
    selection: filters.selection,
    onChange: filters.setFacet,
    onClear: filters.clearFilters,
  };
}

type FacetCountsLike = Partial<Record<Facet, { key: string; label: string; count: number }[]>>;
