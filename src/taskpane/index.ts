export { App, TABS, themeFromOffice, type AppProps, type TabId } from './App';
export { WorkbookProvider, useWorkbook, type WorkbookProviderProps } from './WorkbookContext';
export { useWorker, runInWorker, serveWorker, type UseWorker, type WorkProgress, type WorkerLike, type WorkerJob } from './useWorker';
export { StatusBar, type StatusBarProps } from './shell/StatusBar';
export { WorkProgressBar, type WorkProgressBarProps } from './shell/WorkProgressBar';
export { toUserMessage, CancelledError, type UserMessage } from './shell/userError';
export { ComingSoon, type ComingSoonProps } from './shell/ComingSoon';
