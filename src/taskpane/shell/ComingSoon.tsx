/** What a tab shows until its feature ships: what it will do, in one or two lines. */
import { Body1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: '40px', color: tokens.colorBrandForeground1 },
});

/** Props of {@link ComingSoon}. */
export interface ComingSoonProps {
  icon: ReactNode;
  title: string;
  children: ReactNode;
}

export function ComingSoon({ icon, title, children }: ComingSoonProps) {
  const s = useStyles();
  return (
    <div className={s.root} role="status">
      <span className={s.icon}>{icon}</span>
      <Subtitle2>{title}</Subtitle2>
      <Body1>{children}</Body1>
    </div>
  );
}
