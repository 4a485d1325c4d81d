using Microsoft.AspNetCore.Http;
using NeglectAudit.Actions;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Coordinator;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.Links;
using NeglectAudit.Retention;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Calendar;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Web;

/// <summary>
/// The coordinator's link controls (send a new link, revoke) on the chasing page and the action plan,
/// the banners that say what happened, and the data-subject request page.
/// </summary>
public sealed class LinkControlsPageTests
{
    private static readonly DateTimeOffset Now = new(2031, 1, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly SignedInPerson Person = new("Sam Coordinator", SignedInPerson.DevelopmentSignOut);

    private static readonly Contact Auditor = new("Pat Auditor", "pat.auditor@example.org");

    private static readonly ReturnLinkRow Active = new("NA-01", "police", "Police", Auditor, new LinkState(LinkStateKind.Active, Now.AddDays(9)), CanSend: true);

    private static readonly ReturnLinkRow Revoked = new("NA-01", "csc", "Social Care " + PageAssert.Hostile, null, new LinkState(LinkStateKind.Revoked, Now.AddHours(-2)), CanSend: true);

    private static readonly ReturnLinkRow NotSent = new("NA-02", "police", "Police", Auditor, LinkState.NotSent, CanSend: false);

    private static readonly AlertLinkRow Waiting = new(new RaisedAlert(new ReturnKey("a1", "NA-01", "police"), 2, Now.AddHours(-1), null, null), "Police", new LinkState(LinkStateKind.Active));

    private static readonly AlertLinkRow Acknowledged = new(new RaisedAlert(new ReturnKey("a1", "NA-02", "police"), 1, Now.AddHours(-5), Now.AddHours(-4), null), "Police", new LinkState(LinkStateKind.Ended, Now.AddHours(-4)));

    [Fact]
    public void Chasing_page_shows_each_return_link_state_with_a_new_link_form_and_a_revoke_form_only_for_an_active_link()
    {
        string html = Render.Page<ChasingAuditPage, ChasingAuditView>(Chasing(canChange: true));

        PageAssert.EveryControlIsGovUk(html);
        PageAssert.HostileTextIsEncoded(html);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Active</strong> until 29 January 2031 at 9am GMT", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--red\">Revoked</strong> on 20 January 2031 at 7am GMT", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--grey\">Not sent yet</strong>", html, StringComparison.Ordinal);

        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/a1/returns/NA-01/police/new-link\">", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/a1/returns/NA-01/police/revoke-link\">", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/a1/returns/NA-01/csc/new-link\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("returns/NA-01/csc/revoke-link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("returns/NA-02/police/", html, StringComparison.Ordinal);

        // Every button says which return it is for, to a screen reader.
        Assert.Contains("data-module=\"govuk-button\">Revoke link<span class=\"govuk-visually-hidden\"> for case NA-01, Police</span></button>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"govuk-button govuk-button--warning\"", html, StringComparison.Ordinal);
        Assert.Contains(">Send a new link<span class=\"govuk-visually-hidden\"> for case NA-01, Social Care &lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Chasing_page_offers_to_revoke_the_acknowledge_links_of_an_alert_still_waiting_and_not_of_one_acknowledged()
    {
        string html = Render.Page<ChasingAuditPage, ChasingAuditView>(Chasing(canChange: true));

        Assert.Contains("<h2 class=\"govuk-heading-m\" id=\"alerts\">Right-now alerts</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/a1/risk/NA-01/police/2/revoke-links\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("risk/NA-02/police/1/revoke-links", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--grey\">Closed</strong> acknowledged on 20 January 2031 at 5am GMT", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Chasing_page_shows_link_states_but_no_link_forms_to_the_panel()
    {
        string html = Render.Page<ChasingAuditPage, ChasingAuditView>(Chasing(canChange: false));

        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Active</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/new-link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/revoke-link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_new_return_link_the_chasing_page_says_who_it_was_sent_to_in_a_success_banner()
    {
        LinkNotice notice = Notice(LinkNotice.Location("/api/coordinator/audits/a1/chasing", LinkChange.Sent, "NA-01", "police"))!;
        LinkBanner banner = ChasingBanners.For(notice, [Active, Revoked], [Waiting])!;

        string html = Render.Page<ChasingAuditPage, ChasingAuditView>(Chasing(canChange: true) with { Banner = banner });

        Assert.Contains("<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" aria-labelledby=\"link-changed-title\">", html, StringComparison.Ordinal);
        Assert.Contains("New link sent for case NA-01, Police", html, StringComparison.Ordinal);
        Assert.Contains("Pat Auditor (pat.auditor@example.org), the Police auditor, has been emailed a new link", html, StringComparison.Ordinal);
        Assert.Contains(LinkBanner.Recorded, html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("link-changed-title", StringComparison.Ordinal) < html.IndexOf("<h1", StringComparison.Ordinal), "The banner comes before the heading.");
    }

    [Fact]
    public void The_banner_after_a_revocation_says_the_person_will_see_the_withdrawn_page()
    {
        LinkBanner returned = ChasingBanners.For(Notice("/p?link=revoked&for=NA-01/police"), [Active], [])!;
        LinkBanner alert = ChasingBanners.For(Notice("/p?link=revoked&for=NA-01/police/2"), [Active], [Waiting])!;

        Assert.Equal("Link revoked for case NA-01, Police", returned.Heading);
        Assert.Contains("Pat Auditor (pat.auditor@example.org), the Police auditor, will see a page saying the link has been withdrawn", returned.Text, StringComparison.Ordinal);
        Assert.Equal("Acknowledge links revoked for case NA-01, Police", alert.Heading);
        Assert.Contains("its next round brings new links", alert.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/p?link=sent&for=NA-09/police")]
    [InlineData("/p?link=sent&for=NA-01/police/2")]
    [InlineData("/p?link=deleted&for=NA-01/police")]
    [InlineData("/p?link=sent&for=NA-01/..%2Fpolice")]
    [InlineData("/p?link=sent")]
    [InlineData("/p")]
    public void A_query_that_names_nothing_on_the_page_shows_no_banner(string location)
    {
        Assert.Null(ChasingBanners.For(Notice(location), [Active], [Waiting]));
    }

    [Fact]
    public void A_notice_goes_into_the_pages_address_and_comes_back_out_the_same()
    {
        string location = LinkNotice.Location("/api/coordinator/audits/a1/actions", LinkChange.Revoked, "A3");

        Assert.Equal("/api/coordinator/audits/a1/actions?link=revoked&for=A3", location);
        LinkNotice notice = Notice(location)!;
        Assert.Equal(LinkChange.Revoked, notice.Change);
        Assert.True(notice.IsFor("A3"));
        Assert.False(notice.IsFor("A3", "x"));
    }

    [Fact]
    public void A_link_is_revoked_before_it_is_expired_and_active_until_its_expiry()
    {
        DateTimeOffset expiry = Now.AddDays(1);

        Assert.Equal(new LinkState(LinkStateKind.Revoked, Now), LinkState.Of(Now, Now.AddDays(-5), Now.AddDays(2)));
        Assert.Equal(new LinkState(LinkStateKind.Expired, expiry), LinkState.Of(null, expiry, expiry.AddTicks(1)));
        Assert.Equal(new LinkState(LinkStateKind.Active, expiry), LinkState.Of(null, expiry, expiry));
    }

    [Fact]
    public void The_action_plan_shows_the_owners_link_and_its_forms_and_after_a_new_link_says_who_it_went_to()
    {
        Audit audit = CalendarPageTests.NewAudit("a1", "Audit");
        AuditAction open = new("a1", "A1", "Train staff", null, "csc", new Contact("Olu Owner", "olu.owner@example.org"), Now.AddDays(30), "Measure", Now);
        AuditAction accepted = open with { ActionId = "A2", State = ActionState.Accepted, AcceptedAt = Now.AddDays(-1) };
        AuditAction revoked = open with { ActionId = "A3" };
        var view = new ActionPlanView(
            audit,
            new LearningPlan("a1", [], [], Now),
            [
                new ActionStatus(open, Rag.Green, "On track") { Link = new LinkState(LinkStateKind.Active, Now.AddDays(58)) },
                new ActionStatus(accepted, Rag.Green, "Accepted") { Link = new LinkState(LinkStateKind.Ended, accepted.AcceptedAt) },
                new ActionStatus(revoked, Rag.Green, "On track") { Link = new LinkState(LinkStateKind.Revoked, Now) },
            ],
            [])
        {
            Banner = new LinkBanner("New link sent for action A1", "Olu Owner (olu.owner@example.org) has been emailed a new link to the action. " + LinkBanner.Recorded),
        };

        string html = Render.Page<ActionPlanPage, ActionPlanView>(view);

        PageAssert.EveryControlIsGovUk(html);
        Assert.Contains("New link sent for action A1", html, StringComparison.Ordinal);
        Assert.Contains("Olu Owner (olu.owner@example.org) has been emailed a new link", html, StringComparison.Ordinal);
        Assert.Contains("Active until 19 March 2031 at 9am GMT", html, StringComparison.Ordinal);
        Assert.Contains("Closed on 19 January 2031 at 9am GMT", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/a1/actions/A1/new-link\">", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/a1/actions/A1/revoke-link\">", html, StringComparison.Ordinal);
        Assert.Contains(">Revoke link<span class=\"govuk-visually-hidden\"> for action A1</span></button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("actions/A2/new-link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("actions/A2/revoke-link", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/a1/actions/A3/new-link\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("actions/A3/revoke-link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_subject_request_page_asks_for_the_address_in_a_GOV_UK_form_linked_from_the_staff_navigation()
    {
        string html = Render.Page<ContactDetailsPage, ContactDetailsView>(new ContactDetailsView(null, [], Person));

        PageAssert.EveryControlIsGovUk(html);
        Assert.Contains("<title>Data-subject request - ", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/contact-details\" novalidate>", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"govuk-label\" for=\"email\">The person&#x27;s email address</label>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"email\" type=\"email\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/contact-details\" aria-current=\"page\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing is held", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_address_is_shown_in_an_error_summary_that_links_to_the_field()
    {
        string html = Render.Page<ContactDetailsPage, ContactDetailsView>(new ContactDetailsView("not an address" + PageAssert.Hostile, [new FieldError("email", "Enter an email address in the correct format, like name@example.org.")], Person));

        PageAssert.HostileTextIsEncoded(html);
        Assert.Contains("<title>Error: Data-subject request - ", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#email\">Enter an email address in the correct format, like name@example.org.</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"govuk-form-group govuk-form-group--error\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"govuk-input govuk-input--width-30 govuk-input--error\" id=\"email\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not an address&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void When_nothing_is_held_the_page_says_so_plainly()
    {
        string html = Render.Page<ContactDetailsPage, ContactDetailsView>(new ContactDetailsView("nobody@example.org", [], Person) { NothingHeld = "nobody@example.org" });

        Assert.Contains("Nothing is held about nobody@example.org", html, StringComparison.Ordinal);
        Assert.Contains("there is nothing to download", html, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-error-summary", html, StringComparison.Ordinal);
    }

    private static ChasingAuditView Chasing(bool canChange)
    {
        Audit audit = CalendarPageTests.NewAudit("a1", "Audit " + PageAssert.Hostile) with { Status = AuditStatus.Running };
        ReturnChase chase = new("NA-01", "police", ReturnState.Invited, Now.AddDays(2), false, 0, false, null, []);
        var progress = new ChaseProgress(audit, 1, 0, 0, 0, 0, [chase]);
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["police"] = "Police" };
        return new ChasingAuditView(progress, [], Now, names, Person) { Links = [Active, Revoked, NotSent], Alerts = [Waiting, Acknowledged], CanChangeLinks = canChange };
    }

    private static LinkNotice? Notice(string location)
    {
        var context = new DefaultHttpContext();
        int query = location.IndexOf('?', StringComparison.Ordinal);
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(location[query..]);
        return LinkNotice.From(context.Request);
    }
}
