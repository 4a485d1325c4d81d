using Microsoft.AspNetCore.Http;
using NeglectAudit.Common;
using NeglectAudit.Web;

namespace NeglectAudit.Tests.Web;

/// <summary>The identifiers a function's route names, read from the request's route values.</summary>
public sealed class RouteIdsTests
{
    private static HttpRequest Request(params (string Name, object? Value)[] values)
    {
        var context = new DefaultHttpContext();
        foreach ((string name, object? value) in values)
        {
            context.Request.RouteValues[name] = value;
        }

        return context.Request;
    }

    [Fact]
    public void A_route_value_is_read_as_sent()
    {
        Assert.Equal("spring-2026", RouteIds.AuditId(Request(("auditId", "spring-2026"))));
        Assert.Equal("revoke-link", RouteIds.Value(Request(("change", "revoke-link")), "change"));
    }

    [Fact]
    public void An_audit_id_that_is_not_a_valid_identifier_is_still_read_so_a_page_can_name_it()
    {
        Assert.Equal("no such/audit", RouteIds.AuditId(Request(("auditId", "no such/audit"))));
    }

    [Fact]
    public void A_value_the_route_does_not_have_reads_as_empty()
    {
        Assert.Equal(string.Empty, RouteIds.AuditId(Request()));
        Assert.Equal(string.Empty, RouteIds.Value(Request(("auditId", null)), "auditId"));
    }

    [Fact]
    public void A_route_naming_a_return_gives_its_key()
    {
        ReturnKey? key = RouteIds.Return(Request(("auditId", "a1"), ("caseRef", "c-1"), ("agencyId", "police")));

        Assert.Equal(new ReturnKey("a1", "c-1", "police"), key);
    }

    [Theory]
    [InlineData("a 1", "c-1", "police")]
    [InlineData("a1", "c_1", "police")]
    [InlineData("a1", "c-1", "")]
    public void A_return_route_with_any_id_that_is_not_a_valid_identifier_names_no_return(string auditId, string caseRef, string agencyId)
    {
        Assert.Null(RouteIds.Return(Request(("auditId", auditId), ("caseRef", caseRef), ("agencyId", agencyId))));
    }

    [Fact]
    public void A_return_route_missing_an_id_names_no_return()
    {
        Assert.Null(RouteIds.Return(Request(("auditId", "a1"), ("caseRef", "c-1"))));
    }

    [Fact]
    public void Reading_without_a_request_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => RouteIds.AuditId(null!));
        Assert.Throws<ArgumentNullException>(() => RouteIds.Return(null!));
    }
}
