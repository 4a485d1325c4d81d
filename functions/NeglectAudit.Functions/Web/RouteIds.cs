namespace NeglectAudit.Web;

/// <summary>
/// The identifiers an HTTP function's route names, read from the request's route values. The
/// Functions worker's ASP.NET Core integration and the local host both route each request by the
/// function's route template, so every <c>{name}</c> of the template is there as sent (decoded
/// from the path). Functions read their identifiers here instead of each binding them as string
/// parameters and checking them again.
/// </summary>
public static class RouteIds
{
    public const string AuditIdName = "auditId";
    public const string CaseRefName = "caseRef";
    public const string AgencyIdName = "agencyId";

    /// <summary>The route's value for <paramref name="name"/> as sent, or an empty string when the route has no such value.</summary>
    public static string Value(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.RouteValues.TryGetValue(name, out object? value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty
            : string.Empty;
    }

    /// <summary>The route's <c>{auditId}</c> as sent: not checked, so that a page can still name what it was asked for.</summary>
    public static string AuditId(HttpRequest request) => Value(request, AuditIdName);

    /// <summary>The return the route's <c>{auditId}/{caseRef}/{agencyId}</c> name, or null when any of them is not a valid identifier.</summary>
    public static ReturnKey? Return(HttpRequest request) =>
        ReturnKey.FromRoute(AuditId(request), Value(request, CaseRefName), Value(request, AgencyIdName));
}
