export { FunctionsTab } from './FunctionsTab';
export { useFunctions, type UseFunctions } from './useFunctions';
export { buildCatalog, searchCatalog, placeholderFormula, firstCell, syntaxLine, errorList, showsMessageInExcel, ERROR_CODES, ERROR_MEANING, type CatalogEntry, type CatalogParam, type CatalogError } from './catalog';
