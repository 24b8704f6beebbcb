/**
 * The otpauth:// URL as a QR code image (data: URL). The qrcode library is imported here, on
 * demand, so it is only downloaded when someone pairs an authenticator app.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const { toDataURL } = await import('qrcode');
  return toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
}
