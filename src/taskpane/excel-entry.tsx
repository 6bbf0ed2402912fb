/**
 * The add-in's shared runtime page (taskpane.html): registers every SALESOPS custom function with Excel and
 * renders the task pane over the Excel workbook. Office.js comes from Microsoft's CDN (<script> in the HTML);
 * this bundle never contains HyperFormula.
 */
import { createRoot } from 'react-dom/client';
import { App, themeFromOffice } from './App';
import { ExcelWorkbook } from '../hosts/excel/workbook';
import { associateAll } from '../hosts/excel/functions';
import { createTerritoryWebWorker } from './territory/webWorker';

// Custom functions must be associated as the runtime loads, before Excel asks for them.
if (typeof CustomFunctions !== 'undefined') associateAll();

function render(): void {
  const root = createRoot(document.getElementById('root')!);
  const inExcel = typeof Office !== 'undefined' && Office.context?.host === Office.HostType.Excel;
  if (!inExcel) {
    document.getElementById('outside-office')!.hidden = false;
    return;
  }
  const theme = themeFromOffice(Office.context.officeTheme?.bodyBackgroundColor);
  root.render(<App workbook={new ExcelWorkbook()} theme={theme} createTerritoryWorker={createTerritoryWebWorker} />);
}

if (typeof Office === 'undefined') render();
else void Office.onReady(render);
