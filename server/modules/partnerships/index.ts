export { enrollPartnership } from './partnerships.enroll.ts';
export { lockPartnership } from './partnerships.pair.ts';
export { type PartnershipRow, selectLivePartnership, selectUserRefs } from './partnerships.repo.ts';
export { partnershipsRoutes } from './partnerships.routes.ts';
export { type ProposeInput, partnershipSchema } from './partnerships.schema.ts';
export {
  actOnPartnership,
  findPartnership,
  ownerOnSide,
  owningManagerOf,
  partnerOf,
  proposePartnership,
  requireActivePartnership,
  type ServiceContext,
} from './partnerships.service.ts';
