using NeglectAudit.Calendar;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Infrastructure;

/// <summary>Fictional agencies and audits for tests. Audit ids are unique per test.</summary>
public static class TestCalendar
{
    public static readonly Agency SocialCare = Agency("csc", "Children's Social Care", "000000000000000000000000000000a1");
    public static readonly Agency Police = Agency("police", "Police", null);
    public static readonly Agency HealthVisiting = Agency("health", "Health Visiting", "000000000000000000000000000000a3");

    public static Contact AuditCoordinator { get; } = new("Test Coordinator", "coordinator@example.org", "000000000000000000000000000000c1");

    public static async Task AddAgenciesAsync(IAgencyDirectory directory)
    {
        foreach (Agency agency in new[] { SocialCare, Police, HealthVisiting })
        {
            await directory.UpsertAsync(agency);
        }
    }

    public static string NewAuditId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 13)];

    /// <summary>An audit of one case known to all three agencies, started a moment ago.</summary>
    public static Audit OneCase(string auditId, TimeSpan deadlineFromNow, string caseRef = "NA-T-01") =>
        new(
            auditId,
            $"Test neglect audit {auditId}",
            "Neglect",
            "neglect-v1",
            DateTimeOffset.UtcNow.AddSeconds(-1),
            DateTimeOffset.UtcNow + deadlineFromNow,
            null,
            [new AuditCase(caseRef, [SocialCare.AgencyId, Police.AgencyId, HealthVisiting.AgencyId])],
            [AuditCoordinator])
        {
            // Returns close at the chase ladder's cut-off: a second after the deadline here.
            ChasePolicy = new ChasePolicy([], [], 0, 0, Seconds(1)),
        };

    /// <summary>Seconds as the fractional days a chase policy is written in (the tests run on real time).</summary>
    public static double Seconds(double seconds) => seconds / 86_400;

    /// <summary>A complete, valid answer to every question of neglect-v1, as the form posts it.</summary>
    public static IEnumerable<KeyValuePair<string, string>> CompleteAnswers(string rightNow = "no") =>
    [
        new("action", "submit"),
        new("q1.risksKnown", "nutrition"),
        new("q1.risksKnown", "home-conditions"),
        new("q1.riskLevel", "high"),
        new("q1.narrative", "Repeated concerns about food in the home."),
        new("q2.impactRecorded", "yes"),
        new("q2.impact", "The child was often hungry and tired at nursery."),
        new("q3.strengths", "wider-family"),
        new("q3.narrative", "A grandparent provides regular meals."),
        new("q4.culturalNeedsMet", "partly"),
        new("q4.narrative", "Home language was recorded but not used in planning."),
        new("q5.better", "yes"),
        new("q5.whatChanged", "The child now has breakfast at nursery every day."),
        new("q5.whatWasDone", "Core group meetings and a referral to early help."),
        new("q6.worse", "no"),
        new("q7.grade", "good"),
        new("q7.reason", "Timely plan and clear actions."),
        new("q8.learning", "Health could have shared growth concerns sooner."),
        new("q9.rightNow", rightNow),
        new("q9.what", rightNow == "yes" ? "Visit today to check on the child's safety." : string.Empty),
    ];

    private static Agency Agency(string id, string name, string? leadTeamsId) =>
        new(id, name, new Contact($"{name} auditor", $"auditor.{id}@example.org"), new Contact($"{name} lead", $"lead.{id}@example.org", leadTeamsId));
}
