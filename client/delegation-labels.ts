import { FundingSource, InboundCriterion, Purpose, UnitKind } from '../delegation/codes.js';

export { fundingLabels, inboundCriterionLabels, purposeLabels, unitKindLabels } from '../delegation/labels.js';

/** The codes a proposal form offers, in the order the plan lists them: purposes, funding sources, kinds of unit, inbound criteria. */
export const proposalCodes = {
  purposes: Purpose.options,
  funding: FundingSource.options,
  unitKinds: UnitKind.options,
  inboundCriteria: InboundCriterion.options,
} as const;
