using NeglectAudit.Actions;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.Notifications;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Notifications;

/// <summary>
/// The action, chase and alert emails: their subjects and plain text are as they always were, and
/// their HTML comes from components, so a hostile agency name or audit title arrives encoded.
/// </summary>
public sealed class MessageEmailTests
{
    private const string Hostile = "<script>alert('x')</script>";
    private const string EncodedHostile = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;";
    private static readonly DateTimeOffset Due = new(2026, 3, 20, 17, 0, 0, TimeSpan.Zero);

    private static readonly Audit HostileAudit = new("neglect-2026", "Neglect " + Hostile, "Neglect", "neglect-v1", Due.AddDays(-30), Due, null, [new AuditCase("NA-1", ["csc"])], [new Contact("C", "c@example.org")]);

    private static readonly Agency HostileAgency = new("csc", "Children's Social Care & " + Hostile, new Contact("A", "a@example.org"), new Contact("L", "l@example.org", "teams-lead"));

    private static readonly AuditAction HostileAction = new("neglect-2026", "A1", "Fix <b>it</b> " + Hostile, null, "csc", new Contact("O", "o@example.org"), Due, "Measured " + Hostile, Due.AddDays(-10));

    [Fact]
    public async Task Action_assigned_email_keeps_its_text_and_encodes_the_title_in_its_html()
    {
        var link = new Uri("https://example.org/api/action/tok?x=1&y=2");

        EmailMessage email = await ActionMessages.AssignedAsync(Render.Renderer, HostileAction, HostileAudit, link);

        Assert.Equal("Action A1 for your agency: audit neglect-2026", email.Subject);
        Assert.Equal(
            $"You own action A1 from the multi-agency audit \"Neglect {Hostile}\": Fix <b>it</b> {Hostile}\nDue: 20 March 2026.\nSuccess measure: Measured {Hostile}\n\n" +
            $"When it is done, mark it done with the evidence here (this link is personal to you: please do not forward it): {link}\n",
            email.PlainText);
        AssertHtmlEmail(email);
        Assert.Contains($"Fix &lt;b&gt;it&lt;/b&gt; {EncodedHostile}<br>Due: 20 March 2026.<br>Success measure: Measured {EncodedHostile}</p>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<p>When it is done, mark it done with the evidence here (this link is personal to you: please do not forward it): <a href=\"https://example.org/api/action/tok?x=1&amp;y=2\">https://example.org/api/action/tok?x=1&amp;y=2</a></p>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_accepted_email_has_no_link()
    {
        EmailMessage email = await ActionMessages.AcceptedAsync(Render.Renderer, HostileAction, HostileAudit);

        Assert.Equal($"The audit coordinator accepted the evidence for action A1 (Fix <b>it</b> {Hostile}). It is closed. Thank you.\n", email.PlainText);
        AssertHtmlEmail(email);
        Assert.Contains($"<p>The audit coordinator accepted the evidence for action A1 (Fix &lt;b&gt;it&lt;/b&gt; {EncodedHostile}). It is closed. Thank you.</p>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_chase_email_links_the_action()
    {
        var link = new Uri("https://example.org/api/action/tok");

        EmailMessage email = await ActionMessages.ChaseAsync(Render.Renderer, HostileAction, HostileAudit, ChaseKind.Overdue, HostileAction.Owner, link);

        Assert.Equal("Overdue: action A1 (audit neglect-2026)", email.Subject);
        Assert.Equal($"Action A1 (Fix <b>it</b> {Hostile}) was due on 20 March 2026 and is not marked done.\n\nMark it done with the evidence here: {link}\n", email.PlainText);
        AssertHtmlEmail(email);
        Assert.Contains("<p>Mark it done with the evidence here: <a href=\"https://example.org/api/action/tok\">https://example.org/api/action/tok</a></p>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chase_step_emails_keep_their_text_and_encode_the_agency_and_audit()
    {
        IReadOnlyList<ChaseDelivery> deliveries = await ChaseMessages.ForAsync(Render.Renderer, ChaseStepKind.EscalationToLead, HostileAudit, HostileAgency, "NA-1", Due, new ChaseLinks(new Uri("https://example.org/api/coordinator/audits/neglect-2026")));

        Assert.Equal(["lead", "auditor"], deliveries.Select(d => d.Role));
        ChaseDelivery lead = deliveries[0];
        Assert.Equal($"Escalation: Children's Social Care & {Hostile}'s audit return is overdue, case NA-1", lead.Email.Subject);
        string text = $"As Children's Social Care & {Hostile}'s safeguarding lead: Children's Social Care & {Hostile}'s return for case NA-1 in audit \"Neglect {Hostile}\" (neglect-2026) was due by 20 March 2026 at 5pm GMT and is still outstanding after reminders to the auditor. Please make sure it is submitted.";
        Assert.Equal(text + "\n", lead.Email.PlainText);
        AssertHtmlEmail(lead.Email);
        Assert.Contains($"<p>As Children&#x27;s Social Care &amp; {EncodedHostile}&#x27;s safeguarding lead:", lead.Email.Html, StringComparison.Ordinal);
        Assert.Contains($"in audit &quot;Neglect {EncodedHostile}&quot; (neglect-2026)", lead.Email.Html, StringComparison.Ordinal);
        Assert.NotNull(lead.Notice);
        Assert.Null(deliveries[1].Notice);
    }

    [Fact]
    public async Task A_reminder_carries_the_auditors_personal_link_and_only_the_auditor_gets_it()
    {
        var returnLink = new Uri("https://example.org/api/return/abc_DEF-123");
        var links = new ChaseLinks(new Uri("https://example.org/api/coordinator/audits/neglect-2026"), returnLink);

        ChaseDelivery reminder = Assert.Single(await ChaseMessages.ForAsync(Render.Renderer, ChaseStepKind.Reminder, HostileAudit, HostileAgency, "NA-1", Due, links));
        IReadOnlyList<ChaseDelivery> escalation = await ChaseMessages.ForAsync(Render.Renderer, ChaseStepKind.EscalationToLead, HostileAudit, HostileAgency, "NA-1", Due, links);

        Assert.EndsWith("\n\nhttps://example.org/api/return/abc_DEF-123\n", reminder.Email.PlainText, StringComparison.Ordinal);
        Assert.Contains("links in earlier emails keep working", reminder.Email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Your return: <a href=\"https://example.org/api/return/abc_DEF-123\">", reminder.Email.Html, StringComparison.Ordinal);
        Assert.Contains(returnLink.ToString(), escalation.Single(d => d.Role == "auditor").Email.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/return/", escalation.Single(d => d.Role == "lead").Email.PlainText + escalation.Single(d => d.Role == "lead").Email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chair_is_told_at_the_coordinators_escalation_only_when_there_is_one_and_the_lead_is_told_who_was()
    {
        var page = new Uri("https://example.org/api/coordinator/audits/neglect-2026");
        var chair = new Contact("Pat Chair", "chair@example.org");

        IReadOnlyList<ChaseDelivery> withChair = await ChaseMessages.ForAsync(Render.Renderer, ChaseStepKind.EscalationToCoordinators, HostileAudit, HostileAgency, "NA-1", Due, new ChaseLinks(page, Chair: chair));
        IReadOnlyList<ChaseDelivery> without = await ChaseMessages.ForAsync(Render.Renderer, ChaseStepKind.EscalationToCoordinators, HostileAudit, HostileAgency, "NA-1", Due, new ChaseLinks(page));

        ChaseDelivery toChair = Assert.Single(withChair, d => d.Role == "chair");
        Assert.Equal("chair@example.org", toChair.Email.To);
        Assert.StartsWith("Escalation to the chair: return still missing, case NA-1", toChair.Email.Subject, StringComparison.Ordinal);
        Assert.EndsWith("escalated to the audit coordinators and the partnership's chair.\n", withChair.Single(d => d.Role == "lead").Email.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain(without, d => d.Role == "chair");
        Assert.EndsWith("escalated to the audit coordinators.\n", without.Single(d => d.Role == "lead").Email.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("chair", without.Single(d => d.Role == "lead").Email.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_email_shows_its_link_after_the_lead_in()
    {
        string html = await new TextEmailView("Extension requested: case NA-1", ["The auditor asks " + Hostile + "."], "Approve or refuse it on the chasing page:", new Uri("https://example.org/api/coordinator/audits/a/chasing")).RenderAsync(Render.Renderer);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Extension requested: case NA-1</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<p>The auditor asks {EncodedHostile}.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Approve or refuse it on the chasing page: <a href=\"https://example.org/api/coordinator/audits/a/chasing\">https://example.org/api/coordinator/audits/a/chasing</a></p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_email_keeps_its_text_and_encodes_the_agency_and_audit_in_its_html()
    {
        var acknowledge = new Uri("https://example.org/api/risk/acknowledge/tok?a=1&b=2");

        EmailMessage email = await AlertMessage.EmailAsync(Render.Renderer, "l@example.org", HostileAudit, HostileAgency, "NA-1", 0, acknowledge);

        Assert.Equal($"Immediate risk: case NA-1, Children's Social Care & {Hostile}, audit neglect-2026", email.Subject);
        Assert.Equal(
            $"Children's Social Care & {Hostile}'s auditor answered yes to \"Does anything need to happen right now for this child/family?\" for case NA-1 in the audit \"Neglect {Hostile}\".\n\n" +
            "This is a safeguarding alert, not an audit finding: please act on it now, following your safeguarding procedures.\n\n" +
            $"When someone has taken responsibility, acknowledge the alert to stop the reminders:\n{acknowledge}\n",
            email.PlainText);
        AssertHtmlEmail(email);
        Assert.Contains($"<p><strong>Children&#x27;s Social Care &amp; {EncodedHostile}</strong>", email.Html, StringComparison.Ordinal);
        Assert.Contains("s auditor answered yes to “Does anything need to happen right now for this child/family?” for case", email.Html, StringComparison.Ordinal);
        Assert.Contains($"for case <strong>NA-1</strong> in the audit <strong>Neglect {EncodedHostile}</strong>.</p>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/api/risk/acknowledge/tok?a=1&amp;b=2\">Acknowledge the alert</a> when someone has taken responsibility, to stop the reminders.", email.Html, StringComparison.Ordinal);
    }

    private static void AssertHtmlEmail(EmailMessage email)
    {
        Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", email.Html, StringComparison.Ordinal);
    }
}
