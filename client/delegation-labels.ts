import { FundingSource, Purpose, UnitKind } from '../delegation/codes.js';

export { fundingLabels, purposeLabels, unitKindLabels } from '../delegation/labels.js';

/** The codes a proposal form offers, in the order the plan lists them: purposes, funding sources, kinds of unit. */
export const proposalCodes = {
  purposes: Purpose.options,
  funding: FundingSource.options,
  unitKinds: UnitKind.options,
} as const;
