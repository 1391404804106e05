import type { TransferTeamMember } from '../../domain/events/transferEvents.ts';
import { illustrative } from '../chumbivilcas2018/localGovernments.ts';

/**
 * The transfer teams of each municipality: the ETTS (outgoing, led by the municipal manager) and
 * the ETTE (incoming, at least three with one lead, as the directive asks). Every name is
 * illustrative; names are erasable personal data, sealed by the write path like the 2018
 * commission members' (a plain name becomes its own data subject).
 */
export interface Teams {
  outgoing: TransferTeamMember[];
  incoming: TransferTeamMember[];
}

export const TEAMS: Readonly<Record<string, Teams>> = {
  '080701': teams(['Rocío Huaraca Ccapa', 'Edgar Challco Quispe', 'Milagros Ttito Huisa'], ['Ángel Surco Mamani', 'Betty Ccorahua Puma', 'Ciro Layme Ancco']),
  '080702': teams(['Hugo Pacco Sayhua', 'Delia Condori Ccama', 'Iván Huamán Cusi'], ['Norma Ccoa Apaza', 'Rufino Taco Choque', 'Elva Puma Soncco']),
  '080703': teams(['Teodora Ccasa Mendoza', 'Franklin Huaylla Ttito', 'Gloria Sullca Layme'], ['Saúl Anccasi Mollo', 'Vilma Choque Huarca', 'Leoncio Ccallo Yupanqui']),
  '080704': teams(['Zacarías Huisa Quispe', 'Pilar Ancco Huamaní', 'Rolando Cusi Taipe'], ['Maritza Alanoca Ccori', 'Jhon Chuctaya Puma', 'Olga Huillca Ccahuana']),
  '080705': teams(['Basilio Quispe Taco', 'Yesenia Layme Ccoa', 'Alcides Huaracha Sullca'], ['Roxana Mamani Surco', 'Ernesto Ccapa Llacma', 'Sabina Apaza Huaylla']),
  '080706': teams(['Fortunato Llacma Mollo', 'Haydeé Puma Chalco', 'Melquiades Sayhua Ccasa'], ['Karina Soncco Huillca', 'Adrián Taipe Condori', 'Felícitas Ccahuana Huisa']),
  '080707': teams(['Marcelino Ttito Ccapa', 'Nancy Yupanqui Huamán', 'Aurelio Chuctaya Surco'], ['Rebeca Taco Quispe', 'Timoteo Ccasa Alanoca', 'Ydalia Huamaní Ccorahua']),
  '080708': teams(['Severo Mollo Cusi', 'Liliana Ccallo Anccasi', 'Bernabé Huarca Layme'], ['Janet Chalco Mamani', 'Pascual Huaylla Ttito', 'Susana Ccori Choque']),
};

export function teamsOf(lgId: string): Teams {
  const found = TEAMS[lgId];
  if (!found) throw new Error(`no transfer teams for ${lgId} in the Chumbivilcas 2026 scenario`);
  return found;
}

function teams([manager, planner, administrator]: string[], [lead, servant, citizen]: string[]): Teams {
  return {
    outgoing: [
      { name: illustrative(manager!), role: 'lead', kind: 'official', position: 'Gerente Municipal' },
      { name: illustrative(planner!), role: 'member', kind: 'servant', position: 'Jefe de la Oficina de Planeamiento y Presupuesto' },
      { name: illustrative(administrator!), role: 'member', kind: 'servant', position: 'Jefe de la Oficina de Administración' },
    ],
    incoming: [
      { name: illustrative(lead!), role: 'lead', kind: 'citizen' },
      { name: illustrative(servant!), role: 'member', kind: 'servant', position: 'Especialista en presupuesto público' },
      { name: illustrative(citizen!), role: 'member', kind: 'citizen' },
    ],
  };
}
