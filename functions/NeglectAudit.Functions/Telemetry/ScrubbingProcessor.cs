using System.Diagnostics;
using OpenTelemetry;

namespace NeglectAudit.Telemetry;

/// <summary>
/// Runs before every exporter: takes link tokens out of the URL tags and the name of each span,
/// so a personal link never reaches the console or Application Insights.
/// </summary>
public sealed class ScrubbingProcessor : BaseProcessor<Activity>
{
    /// <summary>The tags where HTTP instrumentation (old and new semantic conventions) puts URLs.</summary>
    public static readonly IReadOnlyList<string> UrlTags = ["url.full", "url.path", "url.query", "http.url", "http.target", "url.original"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Scrub(data);
    }

    public static void Scrub(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (string tag in UrlTags)
        {
            if (activity.GetTagItem(tag) is string value)
            {
                string? scrubbed = UrlScrubber.Scrub(value);
                if (!string.Equals(value, scrubbed, StringComparison.Ordinal))
                {
                    activity.SetTag(tag, scrubbed);
                }
            }
        }

        activity.DisplayName = ScrubWords(activity.DisplayName);
    }

    private static string ScrubWords(string text) =>
        string.Join(' ', text.Split(' ').Select(w => UrlScrubber.Scrub(w) ?? w));
}
