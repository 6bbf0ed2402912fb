export { TerritoryTab, type TerritoryTabProps } from './TerritoryTab';
export { useTerritory, sourceLabel, type UseTerritory, type Source, type Priorities, type BalanceView } from './useTerritory';
export { LoadChart, type LoadChartProps } from './LoadChart';
export { inlineTerritoryWorker, runTerritoryJob, type TerritoryJobInput } from './job';
export { guessAccountColumns, guessRepColumns, readAccounts, readReps, currentLoads, summaryRows, type AccountColumns, type RepColumns } from './mapping';
