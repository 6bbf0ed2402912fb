/** The one place the task pane shows errors, warnings and results: a Fluent MessageBar with what to do. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { UserMessage } from './userError';

/** Props of {@link StatusBar}. */
export interface StatusBarProps {
  /** The message to show; nothing renders when null. */
  message: UserMessage | null;
  onDismiss: () => void;
  /** An optional action button (e.g. Undo) shown beside the message. */
  action?: { label: string; onClick: () => void };
}

export function StatusBar({ message, onDismiss, action }: StatusBarProps) {
  if (!message) return null;
  return (
    <MessageBar intent={message.intent} layout="multiline" role={message.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>
        <MessageBarTitle>{message.title}</MessageBarTitle>
        {message.message}
        {message.action ? <div>{message.action}</div> : null}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button aria-label="Dismiss" appearance="transparent" icon={<DismissRegular />} onClick={onDismiss} />
        }
      >
        {action ? <Button onClick={action.onClick}>{action.label}</Button> : null}
      </MessageBarActions>
    </MessageBar>
  );
}
