import type { SettingsRepository } from '../ports.js';
import {
  loadSiteSettings,
  parseSiteSettings,
  SETTINGS_KEY,
  type SiteSettings,
} from '../site-settings.js';

/**
 * The site settings for a page: parsed once per stored text where the store can keep the parse
 * (the same checks as `loadSiteSettings`, not repeated on every page view).
 */
export function pageSettings(repo: SettingsRepository): Promise<SiteSettings> {
  return repo.parsed ? repo.parsed(SETTINGS_KEY, parseSiteSettings) : loadSiteSettings(repo);
}
