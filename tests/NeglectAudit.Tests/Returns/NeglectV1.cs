using NeglectAudit.Returns;

namespace NeglectAudit.Tests.Returns;

/// <summary>The real neglect-v1 audit tool, and postings of it as the return form sends them.</summary>
internal static class NeglectV1
{
    public const string Id = "neglect-v1";

    public static QuestionSet QuestionSet { get; } = new QuestionSetCatalog().Get(Id);

    /// <summary>Every required field answered with a listed value, nothing optional.</summary>
    public static Dictionary<string, IReadOnlyList<string>> CompletePosting() => new(StringComparer.Ordinal)
    {
        ["q1.risksKnown"] = ["nutrition", "home-conditions"],
        ["q1.riskLevel"] = ["high"],
        ["q1.narrative"] = ["Missed feeds and a cold home were seen at two visits."],
        ["q2.impactRecorded"] = ["partly"],
        ["q2.impact"] = ["Weight gain fell below the expected line."],
        ["q3.strengths"] = ["wider-family"],
        ["q3.narrative"] = ["A grandparent visits most days."],
        ["q4.culturalNeedsMet"] = ["not-known"],
        ["q4.narrative"] = ["The family's identity was not explored."],
        ["q5.better"] = ["unclear"],
        ["q6.worse"] = ["no"],
        ["q7.grade"] = ["requires-improvement"],
        ["q7.reason"] = ["Meetings were held but their impact was not reviewed."],
        ["q8.learning"] = ["Record what changed for the child, not only what was done."],
        ["q9.rightNow"] = ["no"],
    };
}
