using NeglectAudit.Returns;

namespace NeglectAudit.Tests.Returns;

/// <summary>The tightened neglect tool (neglect-v1.1) and the re-audit tool (neglect-v2), with complete postings.</summary>
internal static class NeglectV11
{
    public const string Id = "neglect-v1.1";

    public static QuestionSet QuestionSet { get; } = new QuestionSetCatalog().Get(Id);

    /// <summary>Every required field answered with a listed value, nothing optional.</summary>
    public static Dictionary<string, IReadOnlyList<string>> CompletePosting() => new(NeglectV1.CompletePosting(), StringComparer.Ordinal)
    {
        ["q2.impactAreas"] = ["health-growth"],
    };
}

internal static class NeglectV2
{
    public const string Id = "neglect-v2";

    public static QuestionSet QuestionSet { get; } = new QuestionSetCatalog().Get(Id);

    public static Dictionary<string, IReadOnlyList<string>> CompletePosting() => new(NeglectV11.CompletePosting(), StringComparer.Ordinal)
    {
        ["q1.historyReviewed"] = ["full"],
        ["q1.historyPattern"] = ["recurring"],
        ["q1.history"] = ["Two earlier episodes of neglect were closed after a few months."],
        ["q1.carerNeeds"] = ["mental-health", "money-housing"],
        ["q1.carerSupport"] = ["partly"],
        ["q1.carerNarrative"] = ["Low mood meant meals were missed; a debt adviser helped once."],
        ["q2.childExperience"] = ["Gets up alone, often no breakfast, wears the same clothes most days."],
        ["q2.childSeen"] = ["seen-alone"],
        ["q5.currentCare"] = ["partly-met"],
        ["q5.currentCareNarrative"] = ["Lives with a parent; health visiting and school still involved."],
    };
}
