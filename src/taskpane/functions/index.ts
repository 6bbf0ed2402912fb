export { FunctionsTab } from './FunctionsTab';
export { useFunctions, type UseFunctions } from './useFunctions';
export { buildCatalog, searchCatalog, placeholderFormula, firstCell, type CatalogEntry, type CatalogParam } from './catalog';
