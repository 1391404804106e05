import { z } from 'zod';
import { Id, IsoDate, shortText } from '../primitives.ts';

/**
 * A data subject's personal data was erased (Ley N° 29733, art. 20; D.S. N° 016-2024-JUS): the
 * subject's key is destroyed once this is recorded, so every value sealed under it reads
 * `[dato personal suprimido]` from then on. The fact itself holds no personal data: who asked is
 * named by role or office (or by a subject id), never by a private person's name.
 */
export const PersonalDataErased = z.strictObject({
  subjectId: Id,
  /** Who asked, as an office or a role (e.g. `titular de los datos`, `Oficial de Datos Personales`). */
  requestedBy: shortText(),
  /** The legal basis, e.g. `Ley N° 29733, art. 20`. */
  legalBasis: shortText(),
  erasedOn: IsoDate,
});
export type PersonalDataErased = z.infer<typeof PersonalDataErased>;
