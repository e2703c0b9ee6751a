import { Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableSkeleton } from '../../components/TableSkeleton.tsx';
import { accountsChanged, importQuery, rememberUpload } from '../../lib/accounts.ts';
import { hasStatus } from '../../lib/errors.ts';
import { useSession } from '../../lib/session.ts';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportProgress } from './ImportProgress.tsx';
import { MappingStep } from './MappingStep.tsx';
import { UploadCard } from './UploadCard.tsx';

const route = getRouteApi('/authed/app/accounts/imports');

/** Imports: upload a CSV, map its columns, follow the job, download its error report; past imports. */
export function ImportsPage() {
  const { role } = useSession();
  const { id } = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const mayImport = can(role, 'accounts.import');
  return (
    <>
      <PageHeader
        title="Import accounts"
        description="Upload a CSV export of your CRM accounts, or the list of an offline partner. Re-importing a file updates accounts by their external id; the file itself is deleted once imported."
      />
      <Stack gap="lg">
        {id ? (
          <CurrentImport id={id} onClose={() => navigate({ search: {} })} />
        ) : (
          mayImport && (
            <UploadCard
              onUploaded={(upload) => {
                rememberUpload(queryClient, upload);
                accountsChanged(queryClient);
                navigate({ search: { id: upload.id } });
              }}
            />
          )
        )}
        <ImportHistory current={id} />
      </Stack>
    </>
  );
}

/** The import in the URL: its mapping step until it starts, then its progress and result. */
function CurrentImport({ id, onClose }: { id: string; onClose: () => void }) {
  const current = useQuery(importQuery(id));
  if (current.isPending) return <TableSkeleton rows={3} />;
  if (current.isError)
    return hasStatus(current.error, 404) ? (
      <ErrorAlert error={current.error} title="No such import" />
    ) : (
      <ErrorAlert error={current.error} onRetry={() => current.refetch()} />
    );
  const imp = current.data;
  return imp.status === 'uploaded' ? (
    <MappingStep key={imp.id} imp={imp} onDone={onClose} />
  ) : (
    <ImportProgress imp={imp} onClose={onClose} />
  );
}
