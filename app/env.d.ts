// The classic Remix compiler turns imported stylesheets into their public URL.
declare module '*.css' {
  const href: string
  export default href
}
