import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { publicPageOf, reportWords } from './renderTransitionReport.ts';
import type { ReportLang } from './reportStrings.ts';
import type { TransitionReportData } from './transitionReportData.ts';
import { shownText } from '../domain/personalText.ts';

/**
 * DejaVu covers any text a commission records (Quechua names, dashes, arrows); PDF's built-in
 * Helvetica covers only Windows-1252. Debian's fonts-dejavu is used when installed, else Helvetica.
 */
const DEJAVU = '/usr/share/fonts/truetype/dejavu/';
const FONTS = existsSync(`${DEJAVU}DejaVuSans.ttf`) && existsSync(`${DEJAVU}DejaVuSans-Bold.ttf`) && existsSync(`${DEJAVU}DejaVuSansMono.ttf`)
  ? { regular: `${DEJAVU}DejaVuSans.ttf`, bold: `${DEJAVU}DejaVuSans-Bold.ttf`, mono: `${DEJAVU}DejaVuSansMono.ttf` }
  : { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' };

const MARGIN = 50;
const GREY = '#555555';

/**
 * The audit report of a transition as a PDF made on the server (pdfkit): the same content as the
 * HTML report, and a verification box with the covering checkpoint (origin, size, root, key) and a
 * QR code of the transition's public page, so a reader of the paper can check it from a phone.
 */
export async function renderTransitionReportPdf(data: TransitionReportData, options: { lang: ReportLang; baseUrl: string }): Promise<Buffer> {
  const { t, f, fill, category, planKind, origin } = reportWords(options.lang);
  const publicPage = publicPageOf(options.baseUrl, data.dossier.transitionId);
  const qr = await QRCode.toBuffer(publicPage, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const d = data.dossier;

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: options.lang,
    info: { Title: `${t.title} ${d.transitionId}`, Subject: data.lgName, Creator: 'transition-ledger', CreationDate: new Date(data.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONTS.regular).registerFont('bold', FONTS.bold).registerFont('mono', FONTS.mono);
  const width = doc.page.width - 2 * MARGIN;
  const formed = fill(t.formed, { outgoing: d.outgoingTermId, incoming: d.incomingTermId });

  // 1. Heading: who, which transition, at what point of the record.
  doc.font('bold').fontSize(16).text(t.title);
  doc.moveDown(0.3).font('bold').fontSize(11).text(data.lgName, { continued: true }).font('regular').text(` (ubigeo ${d.lgId}) · ${d.transitionId}`);
  doc.fontSize(9).fillColor(GREY).text(`${formed} · ${t.status}: ${d.status === 'signed' ? t.statusSigned : t.statusOpen}`);
  const asOf = data.requested.asOf ? `, ${t.asOf} ${f.longDate(data.requested.asOf)}` : '';
  doc.text(`${t.generated} ${f.longInstant(data.generatedAt)} ${t.limaTime}${asOf}, ${t.atPosition} ${data.atPosition}`).fillColor('black');

  // 2. The commission.
  heading(doc, t.commission);
  for (const [label, members] of [[t.outgoing, d.commission.outgoing], [t.incoming, d.commission.incoming]] as const) {
    doc.font('bold').fontSize(10).text(label);
    table(doc, [t.name, t.role], members.map((m) => [shownText(m.name), m.role]), [0.55, 0.45].map((r) => r * width));
  }

  // 3. The timeline.
  heading(doc, t.timeline);
  table(
    doc,
    [t.date, t.kind, t.ref, t.detail],
    data.timeline.map((e) => [
      f.longDate(e.date),
      t.kinds[e.kind],
      e.ref,
      e.kind === 'formed' ? formed : `${e.category ? `${category(e.category)}: ` : ''}${e.text}`,
    ]),
    [0.22, 0.13, 0.23, 0.42].map((r) => r * width),
    { monoColumns: [2] },
  );
  doc.font('regular').fontSize(9).text(`${t.openObservations}: ${d.observations.open.length}`, MARGIN);

  // 4. Inherited plans and the allocations citing them.
  heading(doc, t.inheritedPlans);
  if (data.inheritedPlans.length === 0) doc.font('regular').fontSize(9).text(t.none);
  else {
    table(
      doc,
      [t.plan, t.adopted, `${t.decisionOf} ${d.incomingTermId}`],
      data.inheritedPlans.map((p) => [
        `${p.title} (${planKind(p.kind)}${p.recognizedAsPublicPolicy ? `, ${t.publicPolicy}` : ''})\n${p.planId}`,
        `${f.longDate(p.adoptedOn)} ${t.underTerm} ${p.adoptedUnderTermId}`,
        `${t.decisions[p.decision]}${p.decidedOn ? ` (${f.longDate(p.decidedOn)})` : ''}`,
      ]),
      [0.5, 0.28, 0.22].map((r) => r * width),
    );
  }
  heading(doc, t.allocations);
  if (data.allocations.length === 0) doc.font('regular').fontSize(9).text(t.none);
  else {
    table(
      doc,
      [t.allocation, t.fiscalYear, t.project, t.amount],
      data.allocations.map((a) => [`${a.allocationId}\n${a.planId}${a.objectiveCode ? ` · ${a.objectiveCode}` : ''}`, String(a.fiscalYear), `${a.projectTitle ?? ''}\n${a.projectId}`, f.soles(a.amount)]),
      [0.3, 0.1, 0.4, 0.2].map((r) => r * width),
      { rightColumns: [3] },
    );
  }

  // 5. Verification: the checkpoint that vouches for the report, and where to check it.
  if (doc.y > doc.page.height - MARGIN - 260) doc.addPage();
  heading(doc, t.verification);
  const top = doc.y;
  const qrSize = 120;
  const textWidth = width - qrSize - 15;
  const p = data.provenance;
  doc.image(qr, MARGIN + width - qrSize, top, { width: qrSize, height: qrSize });
  doc.fontSize(9);
  if (!p.checkpoint) doc.font('bold').fillColor('#8a1c00').text(t.noCheckpoint, MARGIN, top, { width: textWidth }).fillColor('black');
  else {
    doc.font('bold').text(t.checkpoint, MARGIN, top, { width: textWidth });
    field(doc, t.origin, origin, textWidth);
    field(doc, t.treeSize, String(p.checkpoint.treeSize), textWidth);
    field(doc, t.signedAt, `${f.longInstant(p.checkpoint.timestamp)} ${t.limaTime}`, textWidth);
    field(doc, t.root, p.checkpoint.rootHash, textWidth, true);
    field(doc, t.fingerprint, p.keyFingerprint ?? '', textWidth, true);
    doc.moveDown(0.3).font(p.covered ? 'regular' : 'bold').fillColor(p.covered ? 'black' : '#8a1c00').text(p.covered ? t.covered : t.notCovered, { width: textWidth }).fillColor('black');
  }
  doc.moveDown(0.5).font('regular').text(t.publicPage, { width: textWidth });
  doc.font('mono').fontSize(8).text(publicPage, { width: textWidth });
  doc.y = Math.max(doc.y, top + qrSize) + 10;
  doc.font('regular').fontSize(9).text(t.howTo, MARGIN, doc.y, { width });
  const bundle = `auditoria-${d.transitionId}`;
  doc.font('mono').fontSize(8).text(`transition-ledger export --bundle ./${bundle}\ntransition-ledger verify-bundle ./${bundle} --expect-key-fingerprint ${p.keyFingerprint ?? '<fingerprint>'}`, { width });
  doc.moveDown(0.3).font('regular').fontSize(8).fillColor(GREY).text(t.howToNote, { width }).fillColor('black');

  // 6. Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would open a new page for it
    const label = `${d.transitionId} · ${fill(t.pageOf, { page: i + 1, pages: range.count })}`;
    doc.font('regular').fontSize(7).fillColor(GREY).text(label, MARGIN, doc.page.height - MARGIN / 2 - 8, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.8).font('bold').fontSize(12).fillColor('black').text(text, MARGIN);
  doc.moveTo(MARGIN, doc.y).lineTo(doc.page.width - MARGIN, doc.y).lineWidth(0.5).strokeColor('#999999').stroke();
  doc.moveDown(0.3);
}

function field(doc: PDFKit.PDFDocument, label: string, value: string, width: number, mono = false): void {
  doc.font('regular').fontSize(9).text(`${label}: `, { width, continued: !mono });
  if (mono) doc.font('mono').fontSize(8).text(value, { width });
  else doc.font('bold').text(value);
}

/** A bordered table that breaks across pages, repeating its header row. */
function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths: number[], options: { monoColumns?: number[]; rightColumns?: number[] } = {}): void {
  const pad = 3;
  const bottom = doc.page.height - MARGIN - 10;
  const fontOf = (col: number, isHeader: boolean) => (isHeader ? 'bold' : options.monoColumns?.includes(col) ? 'mono' : 'regular');
  const heightOf = (cells: string[], isHeader: boolean) =>
    Math.max(...cells.map((c, i) => doc.font(fontOf(i, isHeader)).fontSize(8).heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const draw = (cells: string[], isHeader: boolean) => {
    const h = heightOf(cells, isHeader);
    if (doc.y + h > bottom) {
      doc.addPage();
      if (!isHeader) draw(header, true);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      if (isHeader) doc.rect(x, y, w, h).fillColor('#eeeeee').fill();
      doc.rect(x, y, w, h).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
      doc.fillColor('black').font(fontOf(i, isHeader)).fontSize(8).text(c, x + pad, y + pad, { width: w - 2 * pad, align: options.rightColumns?.includes(i) && !isHeader ? 'right' : 'left' });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  draw(header, true);
  for (const row of rows) draw(row, false);
  doc.moveDown(0.4);
}
