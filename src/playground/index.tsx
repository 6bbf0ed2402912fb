/** Playground entry: the sample workbook in a headless engine, the grid and the task pane over it. */
import { createRoot } from 'react-dom/client';
import { Playground } from './Playground';
import { loadSample } from './sample';

const { workbook, layout } = loadSample();
createRoot(document.getElementById('root')!).render(<Playground initial={workbook} layout={layout} />);
