/**
 * Interface language: Dutch first, English on request. The choice is kept in localStorage and
 * mirrored in <html lang>.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types.js';
import { en } from './en.js';
import { nl } from './nl.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof nl>;

const STORAGE_KEY = 'schakel.language';

export function storedLanguage(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'nl' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

function applyToDocument(lng: Locale) {
  document.documentElement.lang = lng;
}

export async function initI18n(): Promise<typeof i18next> {
  const lng = storedLanguage() ?? 'nl';
  await i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng,
    fallbackLng: 'nl',
    supportedLngs: ['nl', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(lng);
  return i18next;
}

export function currentLanguage(): Locale {
  return i18next.language === 'en' ? 'en' : 'nl';
}

/** Switches the interface language; `persist` records it as the user's explicit choice. */
export async function setLanguage(lng: Locale, persist = true): Promise<void> {
  if (persist) {
    try {
      window.localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // private mode: the choice holds for this page only
    }
  }
  await i18next.changeLanguage(lng);
  applyToDocument(lng);
}
