using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.IntegrationTests.Returns;
using NeglectAudit.Notifications;
using NeglectAudit.Panel;
using NeglectAudit.Returns;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.EndToEnd;

/// <summary>
/// One audit worked by hand, end to end on the real engine: returns → right-now alert and its
/// acknowledgement → cut-off → findings → panel → sign-off → each agency's feedback → briefing.
/// Every expected text and count below was worked out by hand from this table, not read back.
/// <code>
/// Case  | Social care (csc)            | Health Visiting (health)        | Police
/// ------+------------------------------+---------------------------------+----------------------------
/// HW-01 | risks: nutrition, home cond. | risks: nutrition                | NIL RETURN (no involvement)
///       | level High; impact rec. Yes  | level Medium; impact rec. No    |
///       | strengths: wider family      | strengths: wider family         |
///       | culture Partly; better Yes + | culture Yes; better Unclear,    |
///       | what changed → IMPACT        | only what was done → PROCESS    |
///       | grade Good                   | grade Requires improvement      |
/// HW-02 | as HW-01's csc → IMPACT      | (not asked)                     | same Q1–Q3 as csc; better Yes
///       | grade Good                   |                                 | but only what was done → PROCESS
///       |                              |                                 | grade Good; RIGHT NOW: yes
/// HW-03 | as HW-01's csc, culture Yes, | NEVER RETURNED: closed at the   | (not asked)
///       | grade Requires improvement   | cut-off → Not returned          |
/// </code>
/// What the chair should conclude from the returns (self-reported):
/// <list type="bullet">
/// <item>HW-01: csc and health differ on Q1 (home conditions: csc knew, health did not; level High v Medium)
/// and Q2 (impact recorded Yes v No); they agree on Q3. Police's nil return takes no side: it is not
/// "did not record it". Grades one apart (Good v Requires improvement).</item>
/// <item>HW-02: csc and police agree on Q1–Q3; one right-now answer (police), acknowledged by Jo Patel
/// after a strategy discussion.</item>
/// <item>HW-03: one return only, so Q1–Q3 cannot be compared (not counted as agreement); health's
/// return is missing (Not returned).</item>
/// <item>Returns: 7 expected, 6 received (the nil return is a return; the missing one is not).</item>
/// <item>Agreement per question (agree/differ/not comparable): Q1 1/1/1, Q2 1/1/1, Q3 2/0/1.</item>
/// <item>Themes over 3 answered cases (2 with more than one return, 2 with more than one self-grade):
/// every case has an impact; process only in 2 of 3 (HW-01 health, HW-02 police); risks and impact
/// differ in 1 of 2; strengths in 0 of 2; culture not shown met in 2 of 3 (csc Partly in HW-01 and
/// HW-02); worse in 0 of 3; grades differ in 1 of 2; a return missing in 1 of 3.</item>
/// </list>
/// The panel then calls csc's HW-03 return process only (its "what changed" did not show change):
/// counted with that call, no agency evidenced what got better, nor any impact, in 1 of 3 (HW-03),
/// and process only is in all 3 of 3. It moderates health's HW-01 grade to Inadequate (self: Requires
/// improvement) and police's HW-02 grade to Requires improvement (self: Good), names csc's good
/// practice in HW-01, a recording gap in health (HW-01) and a practice gap in police (HW-02).
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed partial class HandWorkedAuditTests(LocalHostFixture host)
{
    private const string Case1 = "HW-01";
    private const string Case2 = "HW-02";
    private const string Case3 = "HW-03";
    private const string CscPractice = "Breakfast at nursery arranged within a week.";
    private const string HealthGap = "Weight checks at clinic were not written into the health record.";
    private const string PoliceGap = "The police did not share the incident log with the core group.";
    private const string Responsible = "Jo Patel";
    private const string WhatWasDone = "Police and social care met the same day";
    private const string AcknowledgedResponse = "Strategy discussion: " + WhatWasDone + "; responsibility taken by " + Responsible;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    private static readonly string[] SelfReportedThemes =
    [
        "In all cases (3 of 3), at least one agency evidenced what had got better for the child.",
        "In all cases (3 of 3), at least one agency evidenced the impact on the child (what got better or worse).",
        "In the majority of cases (2 of 3), at least one agency evidenced only what was done (process), not what changed for the child.",
        "In one case with more than one return (1 of 2), agencies did not have the same knowledge of the risks of neglect.",
        "In one case with more than one return (1 of 2), agencies did not have the same understanding of the impact of neglect on the child.",
        "In no case with more than one return (0 of 2) did the agencies' views on the strengths for the child differ.",
        "In all cases (3 of 3), at least one agency identified a strength for the child.",
        "In the majority of cases (2 of 3), at least one agency did not show that the child's cultural needs were met.",
        "In no case (0 of 3) did any agency find that things got worse for the child.",
        "In one case with more than one self-grade (1 of 2), agencies graded their own effectiveness differently.",
        "In one case (1 of 3), at least one agency's return was missing.",
    ];

    private static readonly string[] PanelThemes =
    [
        "In one case (1 of 3), no agency evidenced what had got better for the child.",
        "In one case (1 of 3), no agency evidenced the impact on the child (what got better or worse), only what was done or nothing.",
        "In all cases (3 of 3), at least one agency evidenced only what was done (process), not what changed for the child.",
        .. SelfReportedThemes[3..],
    ];

    [Fact]
    public async Task A_hand_worked_audit_reaches_the_conclusions_a_chair_would_draw_from_returns_to_briefing()
    {
        string auditId = NewAuditId("handworked");
        var audit = new Audit(
            auditId,
            $"Hand-worked neglect audit {auditId}",
            "Neglect",
            "neglect-v1",
            DateTimeOffset.UtcNow.AddSeconds(-1),
            DateTimeOffset.UtcNow.AddSeconds(60),
            DateTimeOffset.UtcNow.AddDays(7),
            [
                new AuditCase(Case1, [SocialCare.AgencyId, HealthVisiting.AgencyId, Police.AgencyId]),
                new AuditCase(Case2, [SocialCare.AgencyId, Police.AgencyId]),
                new AuditCase(Case3, [SocialCare.AgencyId, HealthVisiting.AgencyId]),
            ],
            [AuditCoordinator])
        {
            // Returns close a second after the deadline: health's HW-03 return is closed as not returned.
            ChasePolicy = new ChasePolicy([], [], 0, 0, Seconds(1)),
        };
        await host.AddAuditAsync(audit);

        // The returns, as the table above says.
        await SubmitAsync(auditId, Case1, SocialCare, CompleteAnswers());
        await SubmitAsync(auditId, Case1, HealthVisiting, HealthCase1());
        await SubmitNilAsync(auditId, Case1, Police);
        await SubmitAsync(auditId, Case2, SocialCare, CompleteAnswers());
        await SubmitAsync(auditId, Case2, Police, With(CompleteAnswers(rightNow: "yes"), ("q5.whatChanged", string.Empty)));
        await SubmitAsync(auditId, Case3, SocialCare, With(CompleteAnswers(), ("q4.culturalNeedsMet", "yes"), ("q7.grade", "requires-improvement")));

        // The right-now answer alerts the coordinator at once; the coordinator's link records who acted and what was done.
        OutboxMessage alert = await FirstAlertAsync(auditId, AuditCoordinator.Email);
        Assert.Equal($"Immediate risk: case {Case2}, Police, audit {auditId}", alert.Subject);
        string ack = new Uri(AckLinkPattern().Match(alert.Body).Value).PathAndQuery.TrimStart('/');
        using (HttpResponseMessage acknowledged = await host.Http.PostAsync(ack, Form([("responsible", Responsible), ("action", RiskResponse.StrategyDiscussion), ("detail", WhatWasDone)])))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        // Health never returns HW-03: the cut-off closes it and the findings compile.
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, Wait);
        Assert.Equal(ReturnState.NotReturned, (await host.Store.GetReturnAsync(new ReturnKey(auditId, Case3, HealthVisiting.AgencyId)))!.Value.State);
        string findingsPath = $"api/coordinator/audits/{auditId}/findings";
        string findings = Normalise(await GetStringAsync(host.Http, findingsPath));

        Assert.Contains("<p>6 of 7 returns received, across 3 cases.</p>", findings, StringComparison.Ordinal);
        Assert.Equal(SelfReportedThemes, Items(Section(findings, "id=\"themes\"")));

        // Right now: the one answer, with who took responsibility and what was done.
        string rightNow = Section(findings, "id=\"right-now\"");
        Assert.Contains("1 answer says something needs to happen right now.", rightNow, StringComparison.Ordinal);
        Assert.Matches(
            $"<tr><td>{Case2}</td><td>Police</td><td class=\"pre-wrap\">Visit today to check on the child's safety.</td><td><span class=\"tag tag--green\">Acknowledged [^<]+\\. {Regex.Escape(AcknowledgedResponse)}</span>",
            rightNow);
        Assert.Single(Rows(rightNow));

        // Missing: only health's HW-03; the nil return is a return, not a gap.
        string gaps = Section(findings, "id=\"gaps\"");
        Assert.Equal([$"{Case3} Health Visiting Not returned"], Rows(gaps));

        // Agreement: the disagreement named for HW-01, point by point; the nil return takes no side;
        // HW-03 (one return) is not comparable, not counted as agreement.
        string agreement = Section(findings, "id=\"agreement\"");
        Assert.Equal(
            ["1. Did all agencies have the same knowledge of the risks of neglect? 1 1 1", "2. Did all agencies understand the impact of these risks for this child? 1 1 1", "3. Did all agencies have the same view on the strengths for this child? 2 0 1"],
            Rows(Between(agreement, "<caption>Cases per question</caption>", "</table>")));
        string case1 = Between(agreement, $"<h3>Case {Case1}</h3>", $"<h3>Case {Case2}</h3>");
        Assert.Equal(
            [
                "Question 1: agencies differ Home conditions: Knew of it: Children's Social Care; Did not record it: Health Visiting Level of risk: High: Children's Social Care; Medium: Health Visiting",
                "Question 2: agencies differ Impact on the child recorded: Yes: Children's Social Care; No: Health Visiting",
                "Question 3: agencies agree",
            ],
            TopItems(case1));
        Assert.DoesNotContain("Police", case1, StringComparison.Ordinal);
        Assert.Equal(["Question 1: agencies agree", "Question 2: agencies agree", "Question 3: agencies agree"], TopItems(Between(agreement, $"<h3>Case {Case2}</h3>", $"<h3>Case {Case3}</h3>")));
        Assert.Equal(
            ["Question 1: fewer than two agencies answered", "Question 2: fewer than two agencies answered", "Question 3: fewer than two agencies answered"],
            TopItems(agreement[agreement.IndexOf($"<h3>Case {Case3}</h3>", StringComparison.Ordinal)..]));

        // Impact or process, per return, self-reported; grades per agency and the spread per case.
        Assert.Equal(
            [
                $"{Case1} Children's Social Care Impact: what changed for the child Yes",
                $"{Case1} Health Visiting Process only: what was done No",
                $"{Case2} Children's Social Care Impact: what changed for the child Yes",
                $"{Case2} Police Process only: what was done Yes",
                $"{Case3} Children's Social Care Impact: what changed for the child Yes",
            ],
            Rows(Section(findings, "id=\"impact\"")));
        string grades = Section(findings, "id=\"grades\"");
        Assert.Equal(
            ["Children's Social Care 0 2 1 0", "Health Visiting 0 0 1 0", "Police 0 1 0 0"],
            Rows(Between(grades, "<caption>Grades per agency (number of cases)</caption>", "</table>")));
        Assert.Equal(
            [$"{Case1} Good Requires improvement 1", $"{Case2} Good Good 0", $"{Case3} Requires improvement Requires improvement 0"],
            Rows(Between(grades, "<caption>Spread across agencies per case</caption>", "</table>")));

        // The matrix shows the nil return as no involvement and the missing return as missing.
        string matrix = Section(findings, "id=\"cases\"");
        string matrix1 = Between(matrix, $"<h3>Case {Case1}</h3>", $"<h3>Case {Case2}</h3>");
        Assert.Equal(9, Count(matrix1, "<span class=\"tag tag--grey\">No involvement</span>"));
        Assert.DoesNotContain("Missing", matrix1, StringComparison.Ordinal);
        string matrix3 = matrix[matrix.IndexOf($"<h3>Case {Case3}</h3>", StringComparison.Ordinal)..];
        Assert.Contains("<p class=\"missing\">Missing returns: Health Visiting</p>", matrix3, StringComparison.Ordinal);
        Assert.Equal(9, Count(matrix3, "<span class=\"missing\">Missing</span>"));
        Assert.DoesNotContain("No involvement", matrix3, StringComparison.Ordinal);

        // The panel: the nil return and the missing one are said as such on its page.
        string root = $"api/coordinator/audits/{auditId}/panel";
        using HttpClient panel = host.ClientAs("panel chair", Roles.Panel);
        string panelPage = Normalise(await GetStringAsync(panel, root));
        Assert.Equal(9, Count(panelPage, "<dt class=\"govuk-summary-list__key\">Police</dt><dd class=\"govuk-summary-list__value\">No involvement (nil return)</dd>"));
        Assert.Equal(9, Count(panelPage, "<dt class=\"govuk-summary-list__key\">Health Visiting</dt><dd class=\"govuk-summary-list__value\">No return</dd>"));

        (string, string)[] view =
        [
            (PanelForm.Version, "0"),
            ("meetingOn-day", "15"), ("meetingOn-month", "1"), ("meetingOn-year", "2031"), ("meetingOn-hour", "10"), ("meetingOn-minute", "00"),
            (PanelForm.Attendance, "csc"), (PanelForm.Attendance, "health"), (PanelForm.Attendance, "police"),
            (PanelForm.Minutes, "All three agencies attended."),
            (PanelForm.Answer(Case1, 1), "high"),
            (PanelForm.Note(Case1, 1), "Social care knew of the home conditions; health did not."),
            (PanelForm.Answer(Case1, 2), "partly"),
            (PanelForm.Answer(Case2, 9), "yes"),
            (PanelForm.Note(Case2, 9), "Acted on the same day."),
            (PanelForm.Grade(Case1, "csc"), "good"),
            (PanelForm.Grade(Case1, "health"), "inadequate"),
            (PanelForm.Grade(Case2, "police"), "requires-improvement"),
            (PanelForm.Grade(Case3, "csc"), "requires-improvement"),
            (PanelForm.Call(Case3, "csc"), PanelForm.CallProcessOnly),
            (PanelForm.PracticeText(Case1, 0), CscPractice),
            (PanelForm.PracticeAgency(Case1, 0), "csc"),
            (PanelForm.GapText(Case1, 0), HealthGap),
            (PanelForm.GapAgency(Case1, 0), "health"),
            (PanelForm.GapKind(Case1, 0), GapKinds.Recording),
            (PanelForm.GapText(Case2, 0), PoliceGap),
            (PanelForm.GapAgency(Case2, 0), "police"),
            (PanelForm.GapKind(Case2, 0), GapKinds.Practice),
        ];
        using (HttpResponseMessage saved = await panel.PostAsync(root, Form(view)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        }

        using (HttpResponseMessage signed = await panel.PostAsync($"{root}/sign-off", Form([(PanelForm.Version, "1")])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        }

        // The pack now states the themes with the panel's call, the self-reported count beside it where calls count.
        string moderated = Normalise(await GetStringAsync(host.Http, findingsPath));
        List<string> themes = Items(Section(moderated, "id=\"themes\""));
        Assert.Equal(
            [.. PanelThemes.Select((t, i) => i < 3 ? $"{t} Counted with the panel's calls where it made them. Self-reported: {SelfReportedThemes[i]}" : t)],
            themes);
        string judgement = Section(moderated, "id=\"panel\"");
        Assert.Equal(
            [
                $"{Case1} Children's Social Care Good Good",
                $"{Case1} Health Visiting Requires improvement Inadequate",
                $"{Case2} Children's Social Care Good Not moderated",
                $"{Case2} Police Good Requires improvement",
                $"{Case3} Children's Social Care Requires improvement Requires improvement",
            ],
            Rows(Between(judgement, "Effectiveness: self-graded and panel-moderated", "</table>")));
        Assert.Contains(
            $"{Case3} Children's Social Care Impact: what changed for the child Process only: what was done",
            Rows(Between(judgement, "Impact or process: self-reported and the panel's call", "</table>")));
        Assert.Equal(
            [$"{Case1} Health Visiting {HealthGap} Recording: the work was done but not recorded", $"{Case2} Police {PoliceGap} Practice: the work itself fell short"],
            Rows(Between(judgement, "Gaps: practice or recording?", "</table>")));

        // Each agency's lead gets one feedback link; each page shows that agency's returns only.
        Dictionary<string, string> links = await FeedbackLinksAsync(auditId, 3);
        using HttpClient lead = host.AnonymousClient();
        string csc = Normalise(await GetStringAsync(lead, links[SocialCare.SafeguardingLead.Email]));
        string health = Normalise(await GetStringAsync(lead, links[HealthVisiting.SafeguardingLead.Email]));
        string police = Normalise(await GetStringAsync(lead, links[Police.SafeguardingLead.Email]));

        Assert.Equal(
            [
                (Case1, "Your return: submitted.", "Good", "Good", "Impact: what changed for the child", "Not moderated"),
                (Case2, "Your return: submitted.", "Good", "Not moderated", "Impact: what changed for the child", "Not moderated"),
                (Case3, "Your return: submitted.", "Requires improvement", "Requires improvement", "Impact: what changed for the child", "Process only: what was done"),
            ],
            FeedbackCases(csc));
        Assert.Equal(
            [
                (Case1, "Your return: submitted.", "Requires improvement", "Inadequate", "Process only: what was done", "Not moderated"),
                (Case3, "Your return: not returned: it was closed at the deadline without answers.", "No answers", "Not moderated", "No answers", "Not moderated"),
            ],
            FeedbackCases(health));
        Assert.Equal(
            [
                (Case1, "Your return: a nil return (no involvement with the child or family).", "No answers", "Not moderated", "No answers", "Not moderated"),
                (Case2, "Your return: submitted.", "Good", "Requires improvement", "Process only: what was done", "Not moderated"),
            ],
            FeedbackCases(police));
        Assert.Contains(CscPractice, csc, StringComparison.Ordinal);
        Assert.Contains($"<li>{HealthGap} (Recording: the work was done but not recorded)</li>", health, StringComparison.Ordinal);
        Assert.Contains($"<li>{PoliceGap} (Practice: the work itself fell short)</li>", police, StringComparison.Ordinal);
        Assert.All([HealthGap, PoliceGap, "Weighed at clinic and referred to the dietitian.", "Inadequate"], text => Assert.DoesNotContain(text, csc, StringComparison.Ordinal));
        Assert.All([CscPractice, PoliceGap, "The child now has breakfast at nursery every day.", "Visit today"], text => Assert.DoesNotContain(text, health, StringComparison.Ordinal));
        Assert.All([CscPractice, HealthGap, "Weighed at clinic and referred to the dietitian.", "Inadequate"], text => Assert.DoesNotContain(text, police, StringComparison.Ordinal));

        // The briefing states what was found: themes with the panel's call, the self-reported beside the
        // ones it changed, the good practice, the sign-off; and no case reference.
        string briefing = Normalise(await GetStringAsync(host.Http, $"api/coordinator/audits/{auditId}/briefing"));
        Assert.Contains("The audit looked at 3 cases with 3 agencies (Children's Social Care, Health Visiting, Police). 6 of 7 returns were received.", briefing, StringComparison.Ordinal);
        Assert.Contains("The multi-agency panel signed these findings off. Signed off by panel chair on ", briefing, StringComparison.Ordinal);
        Assert.Contains("(findings version 1).", briefing, StringComparison.Ordinal);
        Assert.Equal(
            [.. PanelThemes.Select((t, i) => i < 3 ? $"{t} Self-reported by the agencies: {SelfReportedThemes[i]}" : t)],
            Items(Section(briefing, "id=\"what-we-found\"")));
        Assert.Contains($"<li><strong>Children's Social Care</strong>: {CscPractice}</li>", briefing, StringComparison.Ordinal);
        Assert.DoesNotContain("HW-0", briefing, StringComparison.Ordinal);

        // The trail: who acknowledged the alert and what they said; a feedback sent to each agency.
        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        AuditTrailEntry acknowledgement = Assert.Single(trail, e => e.Action == "risk.acknowledged");
        Assert.Equal(AcknowledgedResponse, acknowledgement.Reason);
        Assert.Equal(["feedback/csc", "feedback/health", "feedback/police"], trail.Where(e => e.Action == TrailActions.FeedbackSent).Select(e => e.Record).Order(StringComparer.Ordinal));
    }

    /// <summary>Health's HW-01 return: knew of nutrition only, medium risk, impact not recorded; only what was done.</summary>
    private static IEnumerable<KeyValuePair<string, string>> HealthCase1() =>
    [
        new("q1.risksKnown", "nutrition"),
        new("q1.riskLevel", "medium"),
        new("q1.narrative", "Weight faltering noted at clinic."),
        new("q2.impactRecorded", "no"),
        new("q2.impact", "The impact was not written down."),
        new("q3.strengths", "wider-family"),
        new("q3.narrative", "A grandmother helps with meals."),
        new("q4.culturalNeedsMet", "yes"),
        new("q4.narrative", "The family's language was used at every visit."),
        new("q5.better", "unclear"),
        new("q5.whatWasDone", "Weighed at clinic and referred to the dietitian."),
        new("q6.worse", "no"),
        new("q7.grade", "requires-improvement"),
        new("q7.reason", "Growth concerns were not shared."),
        new("q8.learning", "Share growth charts with social care."),
        new("q9.rightNow", "no"),
    ];

    private static IEnumerable<KeyValuePair<string, string>> With(IEnumerable<KeyValuePair<string, string>> answers, params (string Key, string Value)[] changes) =>
        answers.Select(p => changes.FirstOrDefault(change => change.Key == p.Key) is { Key: not null } changed ? new KeyValuePair<string, string>(p.Key, changed.Value) : p);

    private async Task SubmitAsync(string auditId, string caseRef, Agency agency, IEnumerable<KeyValuePair<string, string>> answers)
    {
        using var auditor = new AuditorSession(host);
        (await auditor.OpenAsync(await host.InvitationLinkAsync(auditId, caseRef, agency.Auditor.Email))).Dispose();
        using HttpResponseMessage submitted = await auditor.SubmitAsync(answers);
        Assert.True(submitted.StatusCode == HttpStatusCode.SeeOther, $"{agency.AgencyId}'s {caseRef} return answered {(int)submitted.StatusCode}: {await submitted.Content.ReadAsStringAsync()}");
    }

    private async Task SubmitNilAsync(string auditId, string caseRef, Agency agency)
    {
        using var auditor = new AuditorSession(host);
        (await auditor.OpenAsync(await host.InvitationLinkAsync(auditId, caseRef, agency.Auditor.Email))).Dispose();
        using HttpResponseMessage submitted = await auditor.PostAsync([new("action", "nil"), new("basedOn", "0")]);
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
    }

    private async Task<OutboxMessage> FirstAlertAsync(string auditId, string to)
    {
        OutboxMessage? found = null;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                found = (await host.Outbox.ListAsync(5000)).FirstOrDefault(m => m.Kind == OutboxKind.Email && m.To == to && m.Subject.StartsWith("Immediate risk", StringComparison.Ordinal) && m.Subject.EndsWith($"audit {auditId}", StringComparison.Ordinal));
                return found is not null;
            },
            Wait,
            $"the alert of audit {auditId} to {to}");
        return found!;
    }

    private async Task<Dictionary<string, string>> FeedbackLinksAsync(string auditId, int expected)
    {
        List<OutboxMessage> emails = [];
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                emails = [.. (await host.Outbox.ListAsync(5000)).Where(m => m.Kind == OutboxKind.Email && m.Subject == $"Your agency's feedback: audit {auditId}")];
                return emails.Count >= expected;
            },
            Wait,
            $"{expected} feedback emails of audit {auditId}");
        Assert.Equal(
            [SocialCare.SafeguardingLead.Email, HealthVisiting.SafeguardingLead.Email, Police.SafeguardingLead.Email],
            emails.Select(m => m.To).Order(StringComparer.Ordinal));
        return emails.ToDictionary(m => m.To, m => new Uri(FeedbackLinkPattern().Match(m.Body).Value).PathAndQuery.TrimStart('/'), StringComparer.Ordinal);
    }

    /// <summary>Per case on a feedback page: the case, what it says of the return, the self-grade, the panel's grade, the self-reported call, the panel's call.</summary>
    private static List<(string, string, string, string, string, string)> FeedbackCases(string page) =>
        [.. Regex.Matches(page, "<section class=\"feedback-case\">(.*?)</section>").Select(m =>
        {
            string s = m.Groups[1].Value;
            string Value(string key) => Regex.Match(s, $"<dt class=\"govuk-summary-list__key\">{Regex.Escape(key)}</dt><dd class=\"govuk-summary-list__value\">([^<]*)</dd>").Groups[1].Value;
            return (
                Regex.Match(s, "<h3 class=\"govuk-heading-s\">Case ([^<]+)</h3>").Groups[1].Value,
                Regex.Match(s, "<p class=\"govuk-body\">(Your return: [^<]+)</p>").Groups[1].Value,
                Value("Your self-grade"),
                Value("The panel's moderated grade"),
                Value("Impact or process (self-reported)"),
                Value("The panel's call"));
        })];

    /// <summary>The page decoded, with white space between tags removed and other runs made one space.</summary>
    private static string Normalise(string html) =>
        Regex.Replace(Regex.Replace(WebUtility.HtmlDecode(html), @">\s+<", "><"), @"\s+", " ");

    /// <summary>The element that carries the attribute, up to the next section.</summary>
    private static string Section(string page, string attribute)
    {
        int start = page.IndexOf(attribute, StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no {attribute}.");
        int end = page.IndexOf("</section>", start, StringComparison.Ordinal);
        return page[start..end];
    }

    private static string Between(string text, string from, string to)
    {
        int start = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"Not found: {from}");
        int end = text.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    /// <summary>The text of each list item (nested lists kept inside their item).</summary>
    private static List<string> Items(string html) => [.. Regex.Matches(html, "<li>(.*?)</li>").Select(m => Text(m.Groups[1].Value))];

    /// <summary>The text of each top-level list item of the first list, nested items included in it.</summary>
    private static List<string> TopItems(string html)
    {
        var items = new List<string>();
        int depth = 0;
        int start = -1;
        foreach (Match tag in Regex.Matches(html, "</?li>|</?ul>"))
        {
            switch (tag.Value)
            {
                case "<ul>":
                    depth++;
                    break;
                case "</ul>":
                    depth--;
                    break;
                case "<li>" when depth == 1 && start < 0:
                    start = tag.Index + tag.Length;
                    break;
                case "</li>" when depth == 1 && start >= 0:
                    items.Add(Text(html[start..tag.Index]));
                    start = -1;
                    break;
            }

            if (depth == 0 && items.Count > 0)
            {
                break;
            }
        }

        return items;
    }

    /// <summary>The body rows of tables: each row's cells' text, joined by a space.</summary>
    private static List<string> Rows(string html) =>
        [.. Regex.Matches(html, "<tr>(.*?)</tr>").Select(m => m.Groups[1].Value).Where(r => r.Contains("<td", StringComparison.Ordinal)).Select(Text)];

    /// <summary>The text of some HTML: inline tags dropped, other tags read as a space.</summary>
    private static string Text(string html) =>
        Regex.Replace(Regex.Replace(Regex.Replace(html, "</?(strong|span|em|a)\\b[^>]*>", string.Empty), "<[^>]+>", " "), @"\s+", " ").Trim();

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    private static FormUrlEncodedContent Form((string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<string> GetStringAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    [GeneratedRegex(@"http://\S+/api/risk/acknowledge/[A-Za-z0-9_-]{43}")]
    private static partial Regex AckLinkPattern();

    [GeneratedRegex(@"http://\S+/api/feedback/[A-Za-z0-9_-]{43}")]
    private static partial Regex FeedbackLinkPattern();
}
