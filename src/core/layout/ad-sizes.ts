/**
 * Insets of a placement that must hold no text, logo or button (the platform draws its own
 * chrome there: profile bar and caption in Stories, buttons and caption in Reels).
 * `top`/`bottom` are fractions (0–1) of the height, `left`/`right` fractions of the width.
 */
export interface SafeZone {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** Who publishes the placement spec. */
export type AdSizeGroup = "IAB" | "Google" | "Meta";

/** One standard ad placement. Sizes are CSS pixels (= points at export scale 1). */
export interface AdSizePreset {
  /** Stable id, e.g. `iab-leaderboard`; what a file remembers and the command accepts. */
  readonly id: string;
  readonly group: AdSizeGroup;
  readonly width: number;
  readonly height: number;
  /** Present only where the platform documents one. */
  readonly safeZone?: SafeZone;
}

/**
 * The placements the Variants job offers, mirrored from `test/fixtures/ad-sizes.json` (a test
 * asserts the two are equal, so edit both together). Sources, as that file lists them:
 * - IAB New Ad Portfolio, fixed-size ad specifications (medium/large rectangle, leaderboards,
 *   billboard, skyscraper, half page, portrait, mobile banners, interstitial);
 * - Google Ads responsive display and Demand Gen image specs
 *   (support.google.com/google-ads/answer/17090561 and /answer/17140672) and Google Authorized
 *   Buyers top sizes (support.google.com/authorizedbuyers/answer/3011898);
 * - Meta placement guides for Feed, Stories and Reels (the Stories and Reels safe zones).
 */
export const AD_SIZE_PRESETS: readonly AdSizePreset[] = [
  { id: "iab-medium-rectangle", group: "IAB", width: 300, height: 250 },
  { id: "iab-large-rectangle", group: "IAB", width: 336, height: 280 },
  { id: "iab-leaderboard", group: "IAB", width: 728, height: 90 },
  { id: "iab-super-leaderboard", group: "IAB", width: 970, height: 90 },
  { id: "iab-billboard", group: "IAB", width: 970, height: 250 },
  { id: "iab-wide-skyscraper", group: "IAB", width: 160, height: 600 },
  { id: "iab-half-page", group: "IAB", width: 300, height: 600 },
  { id: "iab-portrait", group: "IAB", width: 300, height: 1050 },
  { id: "iab-mobile-banner", group: "IAB", width: 320, height: 50 },
  { id: "iab-mobile-banner-small", group: "IAB", width: 300, height: 50 },
  { id: "iab-interstitial", group: "IAB", width: 1080, height: 1920 },
  { id: "google-landscape", group: "Google", width: 1200, height: 628 },
  { id: "google-square", group: "Google", width: 1200, height: 1200 },
  { id: "google-portrait", group: "Google", width: 960, height: 1200 },
  { id: "google-vertical", group: "Google", width: 1080, height: 1920 },
  { id: "meta-feed-square", group: "Meta", width: 1080, height: 1080 },
  { id: "meta-feed-portrait", group: "Meta", width: 1080, height: 1350 },
  { id: "meta-link", group: "Meta", width: 1200, height: 628 },
  { id: "meta-stories", group: "Meta", width: 1080, height: 1920, safeZone: { top: 0.14, bottom: 0.2, left: 0, right: 0 } },
  { id: "meta-reels", group: "Meta", width: 1080, height: 1920, safeZone: { top: 0.14, bottom: 0.35, left: 0.06, right: 0.06 } },
];
