import { makeStyles, tokens } from '@fluentui/react-components';

export const useTemplatesTabStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { color: tokens.colorNeutralForeground3 },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  card: { padding: tokens.spacingHorizontalM },
  description: { color: tokens.colorNeutralForeground2, lineHeight: tokens.lineHeightBase300 },
  sheets: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});
