/**
 * The NL Design System components Schakel uses, imported one by one from the Amsterdam Design System
 * (EUPL-1.2). Its single-file bundle cannot be tree-shaken and would ship the city of Amsterdam's
 * logos, which are its proprietary brand; these per-component modules contain only what they need.
 * Their icon imports are redirected to Schakel's own icons in vite.config.ts.
 */
export { Alert } from '@amsterdam/design-system-react/dist/Alert/Alert.js';
export { Badge } from '@amsterdam/design-system-react/dist/Badge/Badge.js';
export { Button } from '@amsterdam/design-system-react/dist/Button/Button.js';
export { Checkbox } from '@amsterdam/design-system-react/dist/Checkbox/Checkbox.js';
export { DateInput } from '@amsterdam/design-system-react/dist/DateInput/DateInput.js';
export { DescriptionList } from '@amsterdam/design-system-react/dist/DescriptionList/DescriptionList.js';
export { ErrorMessage } from '@amsterdam/design-system-react/dist/ErrorMessage/ErrorMessage.js';
export { Field } from '@amsterdam/design-system-react/dist/Field/Field.js';
export { FieldSet } from '@amsterdam/design-system-react/dist/FieldSet/FieldSet.js';
export { FileInput } from '@amsterdam/design-system-react/dist/FileInput/FileInput.js';
export { Heading } from '@amsterdam/design-system-react/dist/Heading/Heading.js';
export { Label } from '@amsterdam/design-system-react/dist/Label/Label.js';
export { Paragraph } from '@amsterdam/design-system-react/dist/Paragraph/Paragraph.js';
export { PasswordInput } from '@amsterdam/design-system-react/dist/PasswordInput/PasswordInput.js';
export { Radio } from '@amsterdam/design-system-react/dist/Radio/Radio.js';
export { Select } from '@amsterdam/design-system-react/dist/Select/Select.js';
export { SkipLink } from '@amsterdam/design-system-react/dist/SkipLink/SkipLink.js';
export { TabNavigation } from '@amsterdam/design-system-react/dist/TabNavigation/TabNavigation.js';
export { TextArea } from '@amsterdam/design-system-react/dist/TextArea/TextArea.js';
export { TextInput } from '@amsterdam/design-system-react/dist/TextInput/TextInput.js';
