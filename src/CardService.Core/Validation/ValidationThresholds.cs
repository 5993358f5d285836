namespace CardService.Core.Validation;

/// <summary>Every number the rules use, in one place; each names its row in <c>docs/RULES.md</c> ("#7") or says it is our choice.</summary>
public static class ValidationThresholds
{
    /// <summary>#31: Apple's touch icon for current iPhones (and Messages' link icon) is 180×180, square.</summary>
    public const int AppleTouchIconMinSide = 180;

    /// <summary>#7: Facebook ignores images smaller than 200×200.</summary>
    public const int FacebookMinImageSide = 200;

    /// <summary>#7: below 600×315 Facebook shows a small square instead of the large card.</summary>
    public const int FacebookLargeCardMinWidth = 600;

    /// <summary>#7: below 600×315 Facebook shows a small square instead of the large card.</summary>
    public const int FacebookLargeCardMinHeight = 315;

    /// <summary>#7: Facebook's best-looking size is at least 1200×630.</summary>
    public const int FacebookRecommendedWidth = 1200;

    /// <summary>#7: Facebook's best-looking size is at least 1200×630.</summary>
    public const int FacebookRecommendedHeight = 630;

    /// <summary>#8: the large card's aspect ratio (1.91:1).</summary>
    public const double FacebookAspectRatio = 1.91;

    /// <summary>Our choice: how far (relative) from 1.91:1 an image may be before Facebook's crop is worth a warning (16:9 passes).</summary>
    public const double FacebookAspectTolerance = 0.08;

    /// <summary>#9: Facebook's og:image byte limit (8 MB).</summary>
    public const long FacebookMaxImageBytes = 8L * 1024 * 1024;

    /// <summary>#14: Facebook reads only the first 1 MB of HTML.</summary>
    public const long FacebookHtmlWindowBytes = 1024L * 1024;

    /// <summary>#29: Slack reads about the first 32 KB of HTML.</summary>
    public const long SlackHtmlWindowBytes = 32L * 1024;

    /// <summary>#18: X cuts <c>twitter:title</c> at 70 characters.</summary>
    public const int XTitleMaxChars = 70;

    /// <summary>#18: X cuts <c>twitter:description</c> at 200 characters.</summary>
    public const int XDescriptionMaxChars = 200;

    /// <summary>#5: <c>twitter:image:alt</c> may be at most 420 characters.</summary>
    public const int XImageAltMaxChars = 420;

    /// <summary>#19: X's image limit: under 5 MB.</summary>
    public const long XMaxImageBytes = 5L * 1024 * 1024;

    /// <summary>#20: summary_large_image wants 2:1.</summary>
    public const double XLargeImageAspectRatio = 2.0;

    /// <summary>Our choice: relative distance from 2:1 at which X's crop is mentioned (1200×630 is 4.8% off).</summary>
    public const double XLargeImageAspectTolerance = 0.02;

    /// <summary>#20: summary_large_image minimum 300×157.</summary>
    public const int XLargeImageMinWidth = 300;

    /// <summary>#20: summary_large_image minimum 300×157.</summary>
    public const int XLargeImageMinHeight = 157;

    /// <summary>#20, #21: X's maximum image size, 4096×4096.</summary>
    public const int XMaxImageSide = 4096;

    /// <summary>#21: summary card images at least 144×144.</summary>
    public const int XSummaryMinSide = 144;

    /// <summary>Our choice: relative distance from 1:1 at which X's square crop of a summary image is mentioned.</summary>
    public const double XSummaryAspectTolerance = 0.1;

    /// <summary>#26: LinkedIn shows images narrower than about 401 px as a thumbnail.</summary>
    public const int LinkedInMinLargeWidth = 401;

    /// <summary>#26: LinkedIn's image byte limit (5 MB).</summary>
    public const long LinkedInMaxImageBytes = 5L * 1024 * 1024;

    /// <summary>#32: WhatsApp generally shows thumbnails only for images up to about 300 KB.</summary>
    public const long WhatsAppMaxImageBytes = 300L * 1024;

    /// <summary>#40: Google Discover's large images are at least 1200 px wide.</summary>
    public const int GoogleDiscoverMinWidth = 1200;

    /// <summary>#41: Article structured data images need at least 50 000 pixels (width × height).</summary>
    public const long GoogleArticleImageMinPixels = 50_000;

    /// <summary>#33: Google truncates title links at about 600 px, roughly 60 characters.</summary>
    public const int GoogleTitleMaxChars = 60;

    /// <summary>#34: Google truncates snippets as needed; about 160 characters is the common desktop cut.</summary>
    public const int GoogleDescriptionMaxChars = 160;

    /// <summary>#36: the charset declaration must sit inside the first 1024 bytes.</summary>
    public const int CharsetPrescanBytes = 1024;

    /// <summary>#43: a chain of this many redirects or more risks crawlers giving up (FB "may give up on long chains").</summary>
    public const int LongRedirectChainHops = 3;
}
