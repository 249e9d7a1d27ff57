/** To-many relations: shown as an embedded, paginated list of the join rows; never a form input. */
import { EmbeddedList } from '../screens/EmbeddedList';
import { NoFilter, NoInput } from './NoFilter';
import type { KindComponents, KindFieldProps } from './types';

const ReferenceListValue = ({ field }: KindFieldProps) => <EmbeddedList field={field} />;

export const referenceListKind: KindComponents = { Field: ReferenceListValue, Input: NoInput, Filter: NoFilter };
