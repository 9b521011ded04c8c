/// The framework presets Vercel's API accepts (`framework` of projects and `projectSettings`), from its OpenAPI
/// description.
enum VercelFrameworks {
    /// Every accepted preset name; `null` ("Other") is accepted separately.
    static let all: [String] = [
        "blitzjs", "nextjs", "gatsby", "remix", "react-router", "astro", "hexo", "eleventy", "docusaurus-2",
        "docusaurus", "preact", "solidstart-1", "solidstart", "dojo", "ember", "vue", "scully", "ionic-angular",
        "angular", "polymer", "svelte", "sveltekit", "sveltekit-1", "ionic-react", "create-react-app", "gridsome",
        "umijs", "sapper", "saber", "stencil", "nuxtjs", "redwoodjs", "hugo", "jekyll", "brunch", "middleman",
        "zola", "hydrogen", "vite", "vitepress", "vuepress", "parcel", "fastapi", "flask", "fasthtml", "sanity-v3",
        "sanity", "storybook", "nitro", "hono", "express", "h3", "nestjs", "fastify", "xmcp",
    ]
}
