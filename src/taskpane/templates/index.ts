export { TemplatesTab, type TemplatesTabProps } from './TemplatesTab';
export { useTemplates, fetchTemplate, type UseTemplates } from './useTemplates';
export { TEMPLATES, templateUrl, type TemplateInfo } from './catalog';
