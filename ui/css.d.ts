// Stylesheets are bundled by esbuild (build.mjs); CSS modules give a class-name map.
declare module "*.module.css" {
  const classes: Record<string, string>;
  export default classes;
}
declare module "*.css";
