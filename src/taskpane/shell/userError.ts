/**
 * What the task pane shows when something fails: a title, the problem in the user's words, and what to do.
 * Pure: tested without rendering.
 */

/** One message for the MessageBar. */
export interface UserMessage {
  intent: 'error' | 'warning' | 'success' | 'info';
  title: string;
  message: string;
  /** What the user can do about it. */
  action?: string;
}

/** Raised when the user cancels long work; callers show nothing for it. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/** Turns anything thrown while talking to the workbook into a message with what to do next. */
export function toUserMessage(e: unknown, doing: string, host = 'the workbook'): UserMessage {
  const text = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown })?.code;
  if (code === 'InvalidSelection' || /cell-edit|edit mode/i.test(text)) {
    return {
      intent: 'warning',
      title: `Could not ${doing}`,
      message: `${host} is busy: a cell is being edited.`,
      action: 'Press Enter or Esc in the sheet, then try again.',
    };
  }
  if (code === 'ItemNotFound' || /no sheet named|no table named|not found/i.test(text)) {
    return {
      intent: 'error',
      title: `Could not ${doing}`,
      message: text,
      action: 'Check the sheet, table or range name, then try again.',
    };
  }
  if (/is not a cell address|cells but/i.test(text)) {
    return {
      intent: 'error',
      title: `Could not ${doing}`,
      message: text,
      action: 'Select a single cell or a range of the right size, then try again.',
    };
  }
  if (code === 'AccessDenied' || /protected/i.test(text)) {
    return {
      intent: 'error',
      title: `Could not ${doing}`,
      message: text,
      action: 'Unprotect the sheet (Review > Unprotect Sheet), then try again.',
    };
  }
  return {
    intent: 'error',
    title: `Could not ${doing}`,
    message: text,
    action: 'Try again; if it keeps failing, reload the add-in.',
  };
}
