/** A transition still open (the 2018 ones of the demo are signed): 2019-2022 hands over to 2023-2026. */
export const formed2022 = (transitionId: string, lgId: string) => ({
  type: 'TransitionCommissionFormed',
  data: {
    transitionId, lgId, outgoingTermId: '2019-2022', incomingTermId: '2023-2026', formedOn: '2022-11-02',
    members: [{ name: 'Ana Quispe', role: 'presidenta', side: 'outgoing' }, { name: 'Luis Huamán', role: 'miembro', side: 'incoming' }],
  },
});
