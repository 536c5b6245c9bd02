// Runs in the plugin iframe: the controls and icons the panel's screens use, in one place.
// They are our own, drawn with Figma's CSS variables (see controls/controls.tsx for why).
export { Banner, Button, Checkbox, Dropdown, IconButton, LoadingIndicator, SearchTextbox, SegmentedControl, Tabs, Textbox, TextboxMultiline } from "./controls/controls.js";
export {
  IconAdjust16,
  IconCheck16,
  IconChevronDown16,
  IconChevronLeft16,
  IconClose16,
  IconFrame16,
  IconImage16,
  IconInfo16,
  IconLockLocked16,
  IconLockUnlocked16,
  IconWarning16,
} from "./controls/icons.js";
export { useWindowResize } from "./controls/use-window-resize.js";
