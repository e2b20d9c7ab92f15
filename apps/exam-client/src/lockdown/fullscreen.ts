/** The fullscreen API as the exam screen needs it; a fake stands in for it in component tests. */
export interface FullscreenPort {
  isFullscreen(): boolean;
  /** Must be called from a user gesture (a click). */
  request(): Promise<void>;
  exit(): Promise<void>;
  subscribe(listener: () => void): () => void;
}

export function browserFullscreen(doc: Document = document): FullscreenPort {
  return {
    isFullscreen: () => doc.fullscreenElement != null,
    request: async () => {
      const el = doc.documentElement;
      if (!el.requestFullscreen) throw new Error('Fullscreen API not supported');
      await el.requestFullscreen({ navigationUI: 'hide' });
    },
    exit: async () => {
      if (doc.fullscreenElement && doc.exitFullscreen) await doc.exitFullscreen();
    },
    subscribe: (listener) => {
      doc.addEventListener('fullscreenchange', listener);
      return () => doc.removeEventListener('fullscreenchange', listener);
    },
  };
}
