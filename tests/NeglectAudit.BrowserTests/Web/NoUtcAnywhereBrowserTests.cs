using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Calendar;
using NeglectAudit.Notifications;
using NeglectAudit.Panel;

namespace NeglectAudit.BrowserTests.Web;

/// <summary>
/// No page, email or form shows or asks for UTC. One audit is driven through its whole life on a
/// clock of seconds (invitations, a reminder, the overdue and escalation steps, a request for more
/// time, a right-now alert, the findings, an action chased and marked done, the panel's sign-off
/// and each agency's feedback), so that every kind of email is in the local outbox and every page
/// exists; then every staff page (following the links from the audits page) and every personal
/// link's page is read as the browser shows it.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class NoUtcAnywhereBrowserTests(BrowserFixture fixture)
{
    private const string CaseRef = "NA-U-01";

    private const int MaxPages = 300;

    /// <summary>
    /// What a person reads or is asked on the page: its visible text (labels, hints, legends, errors,
    /// tables), the title, and the words of controls that are not text (placeholders, titles,
    /// aria-labels, button values), first; then the controls that would ask for the browser's own date or time.
    /// </summary>
    private const string ReadPage = """
        () => {
          const words = [document.title, document.body.innerText];
          for (const e of document.querySelectorAll('[placeholder], [title], [aria-label], input[type=submit], input[type=button]')) {
            words.push(e.getAttribute('placeholder') ?? '', e.getAttribute('title') ?? '', e.getAttribute('aria-label') ?? '');
            if (e.type === 'submit' || e.type === 'button') words.push(e.value);
          }
          const dateControls = [...document.querySelectorAll('input')]
            .filter(e => ['date', 'time', 'datetime-local', 'month', 'week'].includes((e.getAttribute('type') || '').toLowerCase()))
            .map(e => e.outerHTML);
          return [words.join('\n'), ...dateControls];
        }
        """;

    [Fact]
    public async Task No_page_email_or_form_of_a_whole_audit_shows_or_asks_for_utc()
    {
        var found = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var read = new List<string>();
        string auditId = $"wholelife-{Guid.NewGuid():N}"[..20];

        // Deadline in 40 s: a reminder 25 s before, overdue 2 s after, escalation to the lead at 4 s, to the coordinators at 6 s, cut off at 8 s.
        var audit = new Audit(
            auditId,
            $"Whole-life audit {auditId}",
            "Neglect",
            "neglect-v1",
            DateTimeOffset.UtcNow.AddSeconds(-1),
            DateTimeOffset.UtcNow.AddSeconds(40),
            DateTimeOffset.UtcNow.AddDays(30),
            [new AuditCase(CaseRef, Agencies.All.Select(a => a.AgencyId).ToList()) { Context = new CaseContext(AgeBand.OneToFour, PlanStatus.ChildInNeed, CaseSelection.RandomSample, Agencies.SocialCare.AgencyId) }],
            [Agencies.Coordinator])
        {
            ChasePolicy = new ChasePolicy([Seconds(25)], [Seconds(2)], Seconds(4), Seconds(6), Seconds(8)),
        };
        using (HttpResponseMessage added = await fixture.Http.PostAsJsonAsync("api/audits", audit, Common.Json.Options))
        {
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }

        // Police answers in full, yes to "right now": the form, in error, the check page, the confirmation.
        IPage police = await fixture.NewPageAsync();
        await police.GotoAsync(await fixture.InvitationLinkAsync(auditId, CaseRef, Agencies.Police.Auditor.Email));
        await CheckAsync(police, "auditor: the return form", found, read);
        await Pages.PressButtonAsync(police, "Continue");
        await CheckAsync(police, "auditor: the return form in error", found, read);
        await Pages.FillRequiredAsync(police, rightNow: "yes");
        await Pages.TypeAsync(police, "q9.what", "A home visit today.");
        await Pages.PressButtonAsync(police, "Continue");
        await CheckAsync(police, "auditor: check your answers", found, read);
        await Pages.PressButtonAsync(police, "Submit return");
        await CheckAsync(police, "auditor: the confirmation", found, read);
        await police.Context.CloseAsync();

        // Social care asks for more time (its form, in error, and sent) and never returns; school nursing sends a nil return after its reminder.
        IPage csc = await fixture.NewPageAsync();
        await csc.GotoAsync(await fixture.InvitationLinkAsync(auditId, CaseRef, Agencies.SocialCare.Auditor.Email));
        await csc.GotoAsync($"/api/return/{auditId}/{CaseRef}/{Agencies.SocialCare.AgencyId}/extension");
        await CheckAsync(csc, "auditor: ask for more time", found, read);
        await Pages.PressButtonAsync(csc, "Send the request");
        Assert.Contains("There is a problem", await csc.TextContentAsync(".govuk-error-summary"), StringComparison.Ordinal);
        await CheckAsync(csc, "auditor: ask for more time, in error", found, read);
        DateTime later = DateTime.UtcNow.AddDays(10);
        await csc.FillAsync("#deadline-day", Number(later.Day));
        await csc.FillAsync("#deadline-month", Number(later.Month));
        await csc.FillAsync("#deadline-year", Number(later.Year));
        await csc.FillAsync("#reason", "Our records team needs another week.");
        await Pages.PressButtonAsync(csc, "Send the request");
        await CheckAsync(csc, "auditor: more time asked for", found, read);
        await csc.Context.CloseAsync();

        await WaitForEmailAsync(m => m.To == Agencies.School.Auditor.Email && m.Subject.StartsWith("Reminder:", StringComparison.Ordinal) && m.Body.Contains(auditId, StringComparison.Ordinal), "the school's reminder");
        IPage school = await fixture.NewPageAsync();
        await school.GotoAsync(await fixture.InvitationLinkAsync(auditId, CaseRef, Agencies.School.Auditor.Email));
        await Pages.PressButtonAsync(school, "Submit a nil return");
        await CheckAsync(school, "auditor: the nil-return confirmation", found, read);
        await school.Context.CloseAsync();

        // The alert's personal link, before and after it is acknowledged.
        IPage acknowledger = await fixture.NewPageAsync();
        await acknowledger.GotoAsync(await fixture.AcknowledgeLinkAsync(auditId, Agencies.Coordinator.Email));
        await CheckAsync(acknowledger, "the acknowledge page", found, read);
        await Pages.AcknowledgeAsync(acknowledger, "Sam Lee");
        await CheckAsync(acknowledger, "the acknowledged page", found, read);
        await acknowledger.Context.CloseAsync();

        // Social care is escalated and cut off; the findings are compiled.
        DateTime until = DateTime.UtcNow.AddSeconds(120);
        while ((await fixture.Store.GetAuditAsync(auditId))?.Value.Status != AuditStatus.Compiled)
        {
            Assert.True(DateTime.UtcNow < until, $"Audit {auditId} was not compiled within 120 seconds.");
            await Task.Delay(250);
        }

        // An action due in a few seconds: assigned, overdue, marked done by its owner.
        using (HttpResponseMessage action = await fixture.Http.PostAsJsonAsync($"api/coordinator/audits/{auditId}/actions", new
        {
            title = "Share growth concerns at every core group",
            ownerAgencyId = Agencies.Police.AgencyId,
            ownerName = "Action Owner",
            ownerEmail = "owner.utc@example.org",
            dueOn = DateTimeOffset.UtcNow.AddSeconds(6),
            successMeasure = "Growth charts in every core group's minutes",
        }, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, action.StatusCode);
        }

        await WaitForEmailAsync(m => m.To == "owner.utc@example.org" && m.Subject == $"Action A1 for your agency: audit {auditId}", "the action's assignment email");
        string ownerLink = await LinkAsync(m => m.To == "owner.utc@example.org" && m.Subject == $"Overdue: action A1 (audit {auditId})", OwnerLinkPattern(), "the action's overdue email, with the owner's current link");
        IPage owner = await fixture.NewPageAsync();
        await owner.GotoAsync(ownerLink);
        await CheckAsync(owner, "the action owner's page", found, read);
        await owner.FillAsync("#evidence", "Growth charts are on every core group's agenda.");
        await Pages.PressButtonAsync(owner, "Mark as done");
        await CheckAsync(owner, "the action owner's page, marked done", found, read);
        await owner.Context.CloseAsync();
        await WaitForEmailAsync(m => m.Subject == $"Action A1 marked done: please review (audit {auditId})", "the action's marked-done email");

        // The panel records its view and signs off: each agency's lead is emailed its feedback.
        using (HttpResponseMessage view = await fixture.Http.PostAsync($"api/coordinator/audits/{auditId}/panel", new FormUrlEncodedContent(
            [new(PanelForm.Version, "0"), new("meetingOn-day", "15"), new("meetingOn-month", "1"), new("meetingOn-year", "2031"), new("meetingOn-hour", "10"), new("meetingOn-minute", "00")])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, view.StatusCode);
        }

        using (HttpResponseMessage signed = await fixture.Http.PostAsync($"api/coordinator/audits/{auditId}/panel/sign-off", new FormUrlEncodedContent([new(PanelForm.Version, "1")])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        }

        IPage lead = await fixture.NewPageAsync();
        await lead.GotoAsync(await LinkAsync(m => m.To == Agencies.SocialCare.SafeguardingLead.Email && m.Subject == $"Your agency's feedback: audit {auditId}", FeedbackLinkPattern(), "the feedback link"));
        await CheckAsync(lead, "the agency's feedback", found, read);
        await lead.Context.CloseAsync();

        // Every staff page, following the navigation and the links on each page, breadth first; and the new calendar entry in error.
        IPage coordinator = await fixture.NewPageAsync();
        await coordinator.GotoAsync("/api/dev/signin?role=Coordinator");
        await coordinator.GotoAsync("/api/coordinator/calendar/new");
        await Pages.PressButtonAsync(coordinator, "Save");
        await CheckAsync(coordinator, "the new calendar entry in error", found, read);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([$"/api/coordinator/audits/{auditId}", $"/api/coordinator/audits/{auditId}/risk/{CaseRef}/{Agencies.Police.AgencyId}/1", "/api/coordinator", "/api/outbox"]);
        while (queue.Count > 0 && seen.Count < MaxPages)
        {
            string path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }

            IAPIResponse head = await coordinator.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            if (head.Status is >= 300 and < 400 && head.Headers.TryGetValue("location", out string? location))
            {
                queue.Enqueue(location);
                continue;
            }

            if (!head.Headers.TryGetValue("content-type", out string? type) || !type.StartsWith("text/html", StringComparison.Ordinal)
                || (head.Headers.TryGetValue("content-disposition", out string? disposition) && disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            await coordinator.GotoAsync(path);
            await CheckAsync(coordinator, path, found, read);
            foreach (string link in StaffLinks(await coordinator.ContentAsync()))
            {
                queue.Enqueue(link);
            }
        }

        await coordinator.Context.CloseAsync();
        foreach (string expected in new[] { "/calendar", "/question-sets", "/now", "/dashboard", "/chasing", "/actions", "/briefing", "/panel", "/findings", "/trail", "/risk/", "/outbox" })
        {
            Assert.True(read.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"No {expected} page was read: {string.Join(", ", read)}");
        }

        // Every email in the outbox, of this audit and any other: its subject, its text and its HTML as read.
        IReadOnlyList<OutboxMessage> emails = [.. (await fixture.Outbox.ListAsync(5000)).Where(m => m.Kind == OutboxKind.Email)];
        string[] kinds =
        [
            "Audit return requested:", "Reminder:", "Overdue:", "Escalation:", "Escalated", "Escalation to coordinators", "Final notice", "Immediate risk",
            "Extension requested:", "Findings ready:", "Your agency's feedback:", "Action A1 for your agency:", "Overdue: action A1", "Action A1 marked done",
        ];
        foreach (string kind in kinds)
        {
            Assert.True(emails.Any(m => m.Subject.StartsWith(kind, StringComparison.Ordinal) && Mentions(m, auditId)), $"No \"{kind}\" email of audit {auditId} in the outbox: {string.Join(" | ", emails.Where(m => Mentions(m, auditId)).Select(m => m.Subject))}");
        }

        foreach (OutboxMessage email in emails)
        {
            string text = $"{email.Subject}\n{email.Body}\n{WebUtility.HtmlDecode(Tag().Replace(email.Html ?? string.Empty, " "))}";
            List<string> utc = Offending(text);
            if (utc.Count > 0)
            {
                found[$"email to {email.To}: {email.Subject}"] = utc;
            }
        }

        Assert.True(
            found.Count == 0,
            $"UTC is shown or asked for on {found.Count} of {read.Count} pages and {emails.Count} emails:\n"
            + string.Join("\n", found.Select(p => $"{p.Key}:\n  " + string.Join("\n  ", p.Value))));
    }

    private static async Task CheckAsync(IPage page, string what, SortedDictionary<string, List<string>> found, List<string> read)
    {
        read.Add(what);
        string[] words = await page.EvaluateAsync<string[]>(ReadPage);
        List<string> problems = [.. Offending(words[0]), .. words.Skip(1).Select(c => "a browser date or time control: " + c)];
        if (problems.Count > 0)
        {
            found[$"{what} ({page.Url})"] = problems;
        }
    }

    /// <summary>Each place the text names UTC, or gives a machine timestamp (2031-01-15T10:00:00Z, …+00:00) instead of a UK time.</summary>
    private static List<string> Offending(string text) =>
        [.. Utc().Matches(text).Select(m => $"…{Around(text, m)}…")];

    private static string Around(string text, Match m)
    {
        int start = Math.Max(0, m.Index - 40);
        return text[start..Math.Min(text.Length, m.Index + m.Length + 40)].ReplaceLineEndings(" ");
    }

    private static bool Mentions(OutboxMessage m, string auditId) =>
        m.Subject.Contains(auditId, StringComparison.Ordinal) || m.Body.Contains(auditId, StringComparison.Ordinal);

    private async Task WaitForEmailAsync(Func<OutboxMessage, bool> which, string what)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(90);
        while (!(await fixture.Outbox.ListAsync(5000)).Any(m => m.Kind == OutboxKind.Email && which(m)))
        {
            Assert.True(DateTime.UtcNow < until, $"Waited 90 s for {what}.");
            await Task.Delay(250);
        }
    }

    private async Task<string> LinkAsync(Func<OutboxMessage, bool> which, Regex pattern, string what)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            string? link = (await fixture.Outbox.ListAsync(5000))
                .Where(m => m.Kind == OutboxKind.Email && which(m))
                .Select(m => pattern.Match(m.Body).Value)
                .FirstOrDefault(l => l.Length > 0);
            if (link is not null)
            {
                return new Uri(link).PathAndQuery;
            }

            Assert.True(DateTime.UtcNow < until, $"Waited 90 s for {what}.");
            await Task.Delay(250);
        }
    }

    /// <summary>The app's staff links on a page: not personal links, assets, or the development sign-in.</summary>
    private static IEnumerable<string> StaffLinks(string html) =>
        Href().Matches(html)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Split('#')[0])
            .Where(h => h.StartsWith("/api/", StringComparison.Ordinal)
                && !h.StartsWith("/api/return/", StringComparison.Ordinal)
                && !h.StartsWith("/api/risk/", StringComparison.Ordinal)
                && !h.StartsWith("/api/action/", StringComparison.Ordinal)
                && !h.StartsWith("/api/feedback/", StringComparison.Ordinal)
                && !h.StartsWith("/api/assets/", StringComparison.Ordinal)
                && !h.StartsWith("/api/dev/", StringComparison.Ordinal));

    private static double Seconds(double seconds) => seconds / 86_400;

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bUTC\b|\b\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s?([Zz]|[+-]\d{2}:?\d{2})(?![0-9])")]
    private static partial Regex Utc();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"http://\S+/api/action/[A-Za-z0-9_-]{43}")]
    private static partial Regex OwnerLinkPattern();

    [GeneratedRegex(@"http://\S+/api/feedback/[A-Za-z0-9_-]{43}")]
    private static partial Regex FeedbackLinkPattern();
}
