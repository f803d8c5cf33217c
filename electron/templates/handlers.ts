// The template help of the handler table (the templates themselves run in the batch operations).
import type { Implementations } from '../contract';
import { templateHelp } from './help';

export const templateHandlers: Implementations<'getTemplateHelp'> = {
  getTemplateHelp: ({ locale }) => ({ entries: templateHelp(locale) }),
};
