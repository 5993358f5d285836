namespace CardService.Core.Validation;

/// <summary>The source links of the rules (RULES.md's "Source" column).</summary>
public static class RuleSources
{
    /// <summary>#1–#4: the Open Graph protocol.</summary>
    public const string Ogp = "https://ogp.me/";

    /// <summary>#4: og:image:alt.</summary>
    public const string OgpStructured = "https://ogp.me/#structured";

    /// <summary>#6–#9, #11: Facebook's sharing FAQ.</summary>
    public const string FacebookFaq = "https://developers.facebook.com/docs/sharing/webmasters/faq";

    /// <summary>#13–#16: Facebook's crawler.</summary>
    public const string FacebookCrawler = "https://developers.facebook.com/docs/sharing/webmasters/crawler";

    /// <summary>#10: og:image:width/height so the first share renders (jekyll-seo-tag#77).</summary>
    public const string FacebookImageDimensions = "https://github.com/jekyll/jekyll-seo-tag/issues/77";

    /// <summary>fb:app_id: Facebook's webmaster markup guide.</summary>
    public const string FacebookWebmasters = "https://developers.facebook.com/docs/sharing/webmasters";

    /// <summary>#17, #22, #23: X cards overview.</summary>
    public const string XCardsOverview = "https://developer.x.com/cards/overview";

    /// <summary>#18, #19, #22: X cards markup.</summary>
    public const string XCardsMarkup = "https://developer.x.com/cards/markup";

    /// <summary>#5: twitter:image:alt at most 420 characters.</summary>
    public const string XImageAlt = "https://github.com/jekyll/jekyll-seo-tag/pull/438";

    /// <summary>#20: summary_large_image image size and ratio.</summary>
    public const string XLargeImage = "https://github.com/Yoast/javascript/issues/150";

    /// <summary>#21: summary image size and ratio.</summary>
    public const string XSummaryImage = "https://github.com/Yoast/javascript/issues/50";

    /// <summary>#25: LinkedIn reads og:* only.</summary>
    public const string LinkedInShareable = "https://www.linkedin.com/help/linkedin/answer/46687";

    /// <summary>#26: LinkedIn image size and bytes [3rd-party].</summary>
    public const string LinkedInImage = "https://peek.dt.tools/linkedin-preview";

    /// <summary>#28: Slack's unfurl order (oEmbed first).</summary>
    public const string SlackRobots = "https://ohdoylerules.com/web/slack-url-meta-data";

    /// <summary>#29: Slack's ~32 KB window [3rd-party].</summary>
    public const string SlackWindow = "https://opengraphplus.com/consumers/slack/issues/link-not-unfurling";

    /// <summary>#30: Discord embeds [3rd-party].</summary>
    public const string Discord = "https://opengraphplus.com/consumers/discord/issues/no-embed-showing";

    /// <summary>#31: Apple Messages link previews (TN2444).</summary>
    public const string AppleMessages = "https://developer.apple.com/library/archive/technotes/tn2444/";

    /// <summary>#31: Apple's web clip icons: apple-touch-icon sizes (180×180 on current iPhones).</summary>
    public const string AppleTouchIcons = "https://developer.apple.com/library/archive/documentation/AppleApplications/Reference/SafariWebContent/ConfigureWebApplications/ConfigureWebApplications.html";

    /// <summary>Google's favicon in search results: a crawlable image file, square.</summary>
    public const string GoogleFavicon = "https://developers.google.com/search/docs/appearance/favicon-in-search";

    /// <summary>#32: WhatsApp thumbnails [3rd-party].</summary>
    public const string WhatsApp = "https://help.branch.io/faq/docs/why-are-some-quick-link-thumbnails-not-shown-in-whatsapp";

    /// <summary>#33: Google title links.</summary>
    public const string GoogleTitle = "https://developers.google.com/search/docs/appearance/title-link";

    /// <summary>#34: Google snippets and meta descriptions.</summary>
    public const string GoogleSnippet = "https://developers.google.com/search/docs/appearance/snippet";

    /// <summary>#35: Lighthouse's canonical audit.</summary>
    public const string LighthouseCanonical = "https://github.com/GoogleChrome/lighthouse/blob/main/core/audits/seo/canonical.js";

    /// <summary>#36: Lighthouse's charset audit.</summary>
    public const string LighthouseCharset = "https://developer.chrome.com/docs/lighthouse/best-practices/charset";

    /// <summary>#37, #39 and the audit list: Lighthouse's default config.</summary>
    public const string LighthouseConfig = "https://github.com/GoogleChrome/lighthouse/blob/main/core/config/default-config.js";

    /// <summary>Lighthouse's hreflang audit (listed in the SEO category).</summary>
    public const string LighthouseHreflang = "https://github.com/GoogleChrome/lighthouse/blob/main/core/audits/seo/hreflang.js";

    /// <summary>#38: robots meta tag and X-Robots-Tag.</summary>
    public const string GoogleRobotsMeta = "https://developers.google.com/search/docs/crawling-indexing/robots-meta-tag";

    /// <summary>#40: Google Discover images.</summary>
    public const string GoogleDiscover = "https://developers.google.com/search/docs/appearance/google-discover";

    /// <summary>#41: Article structured data.</summary>
    public const string GoogleArticle = "https://developers.google.com/search/docs/appearance/structured-data/article";

    /// <summary>#42: Rich Results Test.</summary>
    public const string GoogleRichResults = "https://search.google.com/test/rich-results";

    /// <summary>#43: redirects [3rd-party for Facebook].</summary>
    public const string Redirects = "https://chuniversiteit.nl/productivity/refreshing-twitter-cards";

    /// <summary>url-host-invalid: IDNA processing (UTS #46), which refuses U+FFFD, U+200D, U+2488 and such in a host.</summary>
    public const string Idna = "https://www.unicode.org/reports/tr46/";
}
