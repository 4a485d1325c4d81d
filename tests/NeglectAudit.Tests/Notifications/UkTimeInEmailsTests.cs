using System.Text.RegularExpressions;
using NeglectAudit.Actions;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Notifications;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Notifications;

/// <summary>
/// Every chase step's email and Teams notice (the chair's escalation too) and every action email
/// shows its times in UK time, marked GMT or BST, on either side of a clock change, and never UTC
/// or a machine timestamp.
/// </summary>
public sealed partial class UkTimeInEmailsTests
{
    private static readonly Agency Agency = new("csc", "Children's Social Care", new Contact("Auditor", "auditor@example.org"), new Contact("Lead", "lead@example.org", "teams-lead"));

    private static readonly ChaseLinks Links = new(
        new Uri("https://example.org/api/coordinator/audits/neglect-2026"),
        new Uri("https://example.org/api/return/abc"),
        new Contact("Pat Chair", "chair@example.org"));

    /// <summary>4pm UTC on 1 July is 5pm BST; 5pm UTC on 1 December is 5pm GMT.</summary>
    public static TheoryData<DateTimeOffset, string> Deadlines => new()
    {
        { new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero), "1 July 2026 at 5pm BST" },
        { new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero), "1 December 2026 at 5pm GMT" },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public async Task Every_chase_step_email_and_notice_shows_the_deadline_in_uk_time_and_never_utc(DateTimeOffset deadline, string shown)
    {
        Audit audit = Audit(deadline);
        foreach (ChaseStepKind kind in Enum.GetValues<ChaseStepKind>())
        {
            IReadOnlyList<ChaseDelivery> deliveries = await ChaseMessages.ForAsync(Render.Renderer, kind, audit, Agency, "NA-1", deadline, Links);
            Assert.NotEmpty(deliveries);
            foreach (ChaseDelivery delivery in deliveries)
            {
                string words = $"{delivery.Email.Subject}\n{delivery.Email.PlainText}\n{delivery.Email.Html}\n{delivery.Notice?.PreviewText}";
                AssertNoUtc(words, $"{kind} to the {delivery.Role}");
                // The cut-off notice says only that the final cut-off has passed; every other step gives the deadline.
                string read = $"{delivery.Email.Subject}\n{delivery.Email.PlainText}";
                Assert.True(kind == ChaseStepKind.CutOff || read.Contains(shown, StringComparison.Ordinal), $"{kind} to the {delivery.Role} does not say \"{shown}\": {read}");
            }
        }
    }

    [Fact]
    public async Task Action_emails_give_the_uk_day_an_action_is_due_even_when_the_utc_day_differs()
    {
        // 11:30pm UTC on 1 July is 12:30am BST on 2 July: the UK day is the 2nd.
        DateTimeOffset due = new(2026, 7, 1, 23, 30, 0, TimeSpan.Zero);
        Audit audit = Audit(due.AddDays(-60));
        var action = new AuditAction(audit.AuditId, "A1", "Record what changed", null, "csc", new Contact("Owner", "owner@example.org"), due, "Dip sample", due.AddDays(-30));
        var link = new Uri("https://example.org/api/action/abc");

        List<EmailMessage> emails =
        [
            await ActionMessages.AssignedAsync(Render.Renderer, action, audit, link),
            .. await Task.WhenAll(Enum.GetValues<ChaseKind>().Select(kind => ActionMessages.ChaseAsync(Render.Renderer, action, audit, kind, action.Owner, link))),
            await ActionMessages.DoneAsync(Render.Renderer, action, audit, audit.Coordinators[0], link),
            await ActionMessages.SentBackAsync(Render.Renderer, action, audit, link),
            await ActionMessages.AcceptedAsync(Render.Renderer, action, audit),
        ];

        foreach (EmailMessage email in emails)
        {
            AssertNoUtc($"{email.Subject}\n{email.PlainText}\n{email.Html}", email.Subject);
            Assert.DoesNotContain("1 July 2026", email.PlainText, StringComparison.Ordinal);
        }

        Assert.All(emails.Take(5), email => Assert.Contains("2 July 2026", email.PlainText, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void An_approved_extension_tells_the_auditor_the_new_deadline_in_uk_time(DateTimeOffset deadline, string shown)
    {
        string approved = ExtensionRequests.DecisionText("NA-1", "neglect-2026", ExtensionRequestState.Approved, deadline, "Sickness");
        string refused = ExtensionRequests.DecisionText("NA-1", "neglect-2026", ExtensionRequestState.Refused, deadline, "The panel meets next week");

        Assert.Contains($"the new deadline is {shown}.", approved, StringComparison.Ordinal);
        Assert.Contains("refused: The panel meets next week. The deadline is unchanged.", refused, StringComparison.Ordinal);
        AssertNoUtc(approved + refused, "the extension decision");
    }

    private static Audit Audit(DateTimeOffset deadline) => new(
        "neglect-2026", "Neglect audit", "Neglect", "neglect-v1", deadline.AddDays(-30), deadline, null,
        [new AuditCase("NA-1", ["csc"])], [new Contact("Coordinator", "coordinator@example.org")]);

    private static void AssertNoUtc(string words, string what)
    {
        Assert.False(words.Contains("UTC", StringComparison.OrdinalIgnoreCase), $"{what} says UTC: {words}");
        Assert.False(MachineTime().IsMatch(words), $"{what} shows a machine timestamp: {words}");
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|[+-]00:00|\d{2}:\d{2}:\d{2}Z")]
    private static partial Regex MachineTime();
}
