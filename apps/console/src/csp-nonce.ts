/**
 * The per-response nonce the API writes into the page (meta `csp-nonce`), for the CSP's `style-src`. antd passes it
 * to the styles it registers through ConfigProvider, but a few helpers of its rc-component layer (the scroll lock of
 * modals, for one) create <style> elements on their own without it; every <style> this page creates gets it here.
 */
export const cspNonce: string | undefined =
  document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined;

if (cspNonce) {
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = create.call(this, tagName, options);
    if (tagName.toLowerCase() === 'style') element.setAttribute('nonce', cspNonce!);
    return element;
  } as typeof Document.prototype.createElement;
}
