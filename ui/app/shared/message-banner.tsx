// Runs in the plugin iframe: an error, warning or note as one Figma banner.
import { Banner, IconInfo16, IconWarning16 } from "./figma-ui.js";
import type { ComponentChildren } from "preact";

export interface MessageBannerProps {
  /** `error` (Figma's danger colours) and `warning` are announced at once (role="alert"); `note` and `success` politely. */
  tone: "error" | "warning" | "note" | "success";
  children: ComponentChildren;
}

/** The ProxyError/MainError sentence (or any note) in a Banner, announced to screen readers. */
export function MessageBanner({ tone, children }: MessageBannerProps) {
  const urgent = tone === "error" || tone === "warning";
  return (
    <Banner icon={urgent ? <IconWarning16 /> : <IconInfo16 />} {...(tone === "note" ? {} : { variant: tone })} role={urgent ? "alert" : "status"} data-tone={tone}>
      {children}
    </Banner>
  );
}
