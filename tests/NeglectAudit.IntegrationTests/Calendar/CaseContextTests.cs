using System.Net;
using NeglectAudit.Calendar;
using NeglectAudit.Findings;
using NeglectAudit.IntegrationTests.Infrastructure;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Calendar;

/// <summary>Case context (age band, plan, selection, lead agency) entered on the calendar entry and read back by kind of case in the findings.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class CaseContextTests(LocalHostFixture host)
{
    [Fact]
    public async Task Context_entered_on_the_calendar_form_is_stored_and_a_lead_agency_that_did_not_know_the_child_is_refused()
    {
        string auditId = NewAuditId("ctx");
        (string, string)[] entry =
        [
            ("auditId", auditId), ("title", "Neglect with context"), ("theme", "Neglect"), ("questionSetId", "neglect-v1.1"),
            .. DateFields.UkTime("startsAt", 2031, 7, 7, 9, 0), .. DateFields.UkTime("deadline", 2031, 7, 28, 17, 0),
            ("coordinators", "Sam Coordinator <sam@example.org>"),
            ("case0.ref", "NA-C-01"), ("case0.agencies", "csc"), ("case0.agencies", "police"),
            ("case0.ageBand", "UnderOne"), ("case0.planStatus", "ChildProtection"), ("case0.selection", "RandomSample"),
            ("case1.ref", "NA-C-02"), ("case1.agencies", "health"), ("case1.ageBand", ""), ("case1.planStatus", ""), ("case1.selection", ""), ("case1.leadAgencyId", ""),
        ];

        using (HttpResponseMessage wrongLead = await PostAsync("api/coordinator/calendar/new", [.. entry, ("case0.leadAgencyId", "health")]))
        {
            string html = await wrongLead.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, wrongLead.StatusCode);
            Assert.Contains("<a href=\"#case0.leadAgencyId\">Case 1: The lead agency must be one of the agencies that knew the child.</a>", html, StringComparison.Ordinal);
            Assert.Null(await host.Store.GetAuditAsync(auditId));
        }

        using (HttpResponseMessage madeUp = await PostAsync("api/coordinator/calendar/new", [.. entry, ("case0.leadAgencyId", "csc"), ("case1.ageBand", "Adult")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, madeUp.StatusCode);
            Assert.Contains("Case row 2: choose the child&#x27;s age band from the list.", await madeUp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(await host.Store.GetAuditAsync(auditId));
        }

        using (HttpResponseMessage added = await PostAsync("api/coordinator/calendar/new", [.. entry, ("case0.leadAgencyId", "csc")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Audit audit = (await host.Store.GetAuditAsync(auditId))!.Value;
        Assert.Equal(new CaseContext(AgeBand.UnderOne, PlanStatus.ChildProtection, CaseSelection.RandomSample, "csc"), audit.Cases[0].Context);
        Assert.Null(audit.Cases[1].Context);

        string edit = await host.Http.GetStringAsync($"api/coordinator/calendar/{auditId}/edit");
        Assert.Contains("<option value=\"ChildProtection\" selected>Child protection</option>", edit, StringComparison.Ordinal);
        Assert.Contains("<option value=\"csc\" selected>", edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_are_read_by_kind_of_case()
    {
        string auditId = NewAuditId("ctxf");
        Audit audit = OneCase(auditId, TimeSpan.FromMinutes(10)) with
        {
            Cases =
            [
                new AuditCase("NA-C-01", [SocialCare.AgencyId, Police.AgencyId]) { Context = new CaseContext(AgeBand.UnderOne, PlanStatus.ChildProtection, CaseSelection.RandomSample, SocialCare.AgencyId) },
                new AuditCase("NA-C-02", [HealthVisiting.AgencyId]) { Context = new CaseContext(PlanStatus: PlanStatus.ChildInNeed) },
            ],
        };
        await host.AddAuditAsync(audit);
        foreach ((string caseRef, Agency agency) in new[] { ("NA-C-01", SocialCare), ("NA-C-01", Police), ("NA-C-02", HealthVisiting) })
        {
            string link = await host.InvitationLinkAsync(auditId, caseRef, agency.Auditor.Email);
            using var auditor = new Returns.AuditorSession(host);
            await auditor.OpenAsync(link);
            using HttpResponseMessage submitted = await auditor.SubmitAsync(CompleteAnswers(rightNow: agency == Police ? "yes" : "no"));
            Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        }

        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        FindingsPack pack = (await host.Store.GetLatestFindingsAsync(auditId))!;
        Assert.Equal(PlanStatus.ChildProtection, pack.Cases[0].Context!.PlanStatus);

        IReadOnlyList<FindingsDimension> dimensions = FindingsSlices.Of(pack, id => id);
        FindingsDimension plan = Assert.Single(dimensions, d => d.Key == "plan");
        Assert.Equal(["Child in need", "Child protection"], plan.Slices.Select(s => s.Label).Order(StringComparer.Ordinal));
        FindingsSlice protection = plan.Slices.Single(s => s.Label == "Child protection");
        Assert.Equal((1, 2, 1), (protection.Cases, protection.Answered, protection.RightNow));
        FindingsDimension age = Assert.Single(dimensions, d => d.Key == "age");
        Assert.Equal(["Under 1", FindingsSlices.NotGiven], age.Slices.Select(s => s.Label));

        using HttpResponseMessage page = await host.Http.GetAsync($"api/coordinator/audits/{auditId}/findings");
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<section class=\"pack-section\" id=\"by-context\"><h2>By kind of case</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Lead agency</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pre-wrap\">Children&#x27;s Social Care</td>", html, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAsync(string path, (string Name, string Value)[] fields) =>
        host.Http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
}
