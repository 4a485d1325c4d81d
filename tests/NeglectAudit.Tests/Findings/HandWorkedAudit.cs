using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Returns;

namespace NeglectAudit.Tests.Findings;

/// <summary>
/// Three cases written to contain what the meeting must see. Read as a person would:
/// <list type="bullet">
/// <item>NA-01 (social care, health, police, school): social care and health both knew of
/// nutrition, only social care of home conditions; they rated the risk high and medium; impact
/// recorded yes and partly; both saw wider family, only health saw health needs met. Social care
/// wrote what changed for the child (impact); health wrote only what was done (process). Health
/// says something must happen right now. Police had no involvement; school never returned.</item>
/// <item>NA-02 (social care, health): both knew of physical care, both rated it medium, neither
/// recorded the impact, neither saw a strength: they agree on Q1–Q3. Neither says things got
/// better; both say things got worse, but only social care gives the evidence (weight fell), which is
/// impact; health wrote only what was done (process). Health returned late.</item>
/// <item>NA-03 (social care alone): nothing to compare with; what changed is evidenced.</item>
/// </list>
/// </summary>
internal static class HandWorkedAudit
{
    public const string AuditId = "neglect-hw";
    public const string CaseA = "NA-01";
    public const string CaseB = "NA-02";
    public const string CaseC = "NA-03";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Deadline = Start.AddDays(14);

    public static Audit Audit { get; } = new(
        AuditId,
        "Neglect: hand-worked audit",
        "Neglect",
        NeglectV1.Id,
        Start,
        Deadline,
        Start.AddDays(21),
        [
            new AuditCase(CaseA, ["csc", "health", "police", "school"]),
            new AuditCase(CaseB, ["csc", "health"]),
            new AuditCase(CaseC, ["csc"]),
        ],
        [new Contact("Audit Coordinator", "coordinator@example.org")]);

    public static Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal)
    {
        ["csc"] = "Children's Social Care",
        ["health"] = "Health Visiting",
        ["police"] = "Police",
        ["school"] = "School",
    };

    public static List<CompiledReturn> Returns() =>
    [
        Submitted(CaseA, "csc", new()
        {
            ["q1.risksKnown"] = ["nutrition", "home-conditions"],
            ["q1.riskLevel"] = ["high"],
            ["q2.impactRecorded"] = ["yes"],
            ["q3.strengths"] = ["wider-family"],
            ["q4.culturalNeedsMet"] = ["partly"],
            ["q5.better"] = ["yes"],
            ["q5.whatChanged"] = ["Breakfast at nursery every day; weight back on the line."],
            ["q5.whatWasDone"] = ["Core group meetings."],
            ["q6.worse"] = ["no"],
            ["q7.grade"] = ["good"],
            ["q7.reason"] = ["Clear plan."],
            ["q8.learning"] = ["Share the plan with school sooner."],
            ["q9.rightNow"] = ["no"],
        }),
        Submitted(CaseA, "health", new()
        {
            ["q1.risksKnown"] = ["nutrition"],
            ["q1.riskLevel"] = ["medium"],
            ["q2.impactRecorded"] = ["partly"],
            ["q3.strengths"] = ["wider-family", "health-needs-met"],
            ["q4.culturalNeedsMet"] = ["yes"],
            ["q5.better"] = ["unclear"],
            ["q5.whatChanged"] = ["   "],
            ["q5.whatWasDone"] = ["Two health visits and a referral."],
            ["q6.worse"] = ["no"],
            ["q7.grade"] = ["requires-improvement"],
            ["q7.reason"] = ["Visits missed."],
            ["q8.learning"] = ["Record growth at every visit."],
            ["q9.rightNow"] = ["yes"],
            ["q9.what"] = ["A home visit today."],
        }),
        new(new ReturnRecord(new ReturnKey(AuditId, CaseA, "police"), ReturnState.Submitted) { SubmittedVersion = 1, NoInvolvement = true, SubmittedAt = Start.AddDays(3) }, ReturnAnswers.Nil),
        new(new ReturnRecord(new ReturnKey(AuditId, CaseA, "school"), ReturnState.NotReturned), null),
        Submitted(CaseB, "csc", new()
        {
            ["q1.risksKnown"] = ["physical-care"],
            ["q1.riskLevel"] = ["medium"],
            ["q2.impactRecorded"] = ["no"],
            ["q3.strengths"] = ["none-seen"],
            ["q4.culturalNeedsMet"] = ["not-known"],
            ["q5.better"] = ["unclear"],
            ["q5.whatWasDone"] = ["Child protection conference held."],
            ["q6.worse"] = ["yes"],
            ["q6.evidence"] = ["Weight fell over six months."],
            ["q7.grade"] = ["requires-improvement"],
            ["q9.rightNow"] = ["no"],
        }),
        Submitted(CaseB, "health", new()
        {
            ["q1.risksKnown"] = ["physical-care"],
            ["q1.riskLevel"] = ["medium"],
            ["q2.impactRecorded"] = ["no"],
            ["q3.strengths"] = ["none-seen"],
            ["q4.culturalNeedsMet"] = ["no"],
            ["q5.better"] = ["no"],
            ["q5.whatWasDone"] = ["Weighed at clinic."],
            ["q6.worse"] = ["yes"],
            ["q7.grade"] = ["inadequate"],
            ["q9.rightNow"] = ["no"],
        }, submittedAt: Deadline.AddHours(2)),
        Submitted(CaseC, "csc", new()
        {
            ["q1.risksKnown"] = ["education-stimulation"],
            ["q1.riskLevel"] = ["low"],
            ["q2.impactRecorded"] = ["yes"],
            ["q3.strengths"] = ["attends-school"],
            ["q4.culturalNeedsMet"] = ["yes"],
            ["q5.better"] = ["yes"],
            ["q5.whatChanged"] = ["Attends school every day now."],
            ["q6.worse"] = ["no"],
            ["q7.grade"] = ["outstanding"],
            ["q9.rightNow"] = ["no"],
        }),
    ];

    public static FindingsPack Compile(IReadOnlyDictionary<ReturnKey, ImmediateRiskState>? alerts = null) =>
        FindingsCompiler.Compile(Audit, NeglectV1.QuestionSet, Names, Returns(), 1, Deadline.AddDays(1), alerts);

    private static CompiledReturn Submitted(string caseRef, string agencyId, Dictionary<string, IReadOnlyList<string>> fields, DateTimeOffset? submittedAt = null) =>
        new(
            new ReturnRecord(new ReturnKey(AuditId, caseRef, agencyId), ReturnState.Submitted) { SubmittedVersion = 1, SubmittedAt = submittedAt ?? Start.AddDays(5) },
            new ReturnAnswers(false, fields));
}
