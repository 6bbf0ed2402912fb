import { makeStyles, tokens } from '@fluentui/react-components';

export const useTerritoryTabStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  grow: { flex: '1 1 0', minWidth: 0 },
  // Fluent's Input has an intrinsic width; inside a flex row it must shrink with its field.
  fill: { width: '100%', minWidth: 0 },
  mapping: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  metrics: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  help: { color: tokens.colorNeutralForeground3 },
  summary: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
  },
  moved: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    maxHeight: '12em',
    overflowY: 'auto',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});
