import { makeStyles, tokens } from '@fluentui/react-components';

export const useFunctionsTabStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // The search box and the result of the last Insert stay in view while the list scrolls.
  sticky: {
    position: 'sticky',
    top: `calc(-1 * ${tokens.spacingHorizontalL})`,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingHorizontalL,
    paddingBottom: tokens.spacingVerticalXS,
    marginTop: `calc(-1 * ${tokens.spacingHorizontalL})`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  count: { color: tokens.colorNeutralForeground3 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalM },
  name: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  description: { color: tokens.colorNeutralForeground2, lineHeight: tokens.lineHeightBase300 },
  params: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  param: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', fontSize: tokens.fontSizeBase200 },
  paramName: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  paramText: { color: tokens.colorNeutralForeground2 },
  example: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    overflowWrap: 'anywhere',
  },
  footer: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalL, textAlign: 'center' },
});
