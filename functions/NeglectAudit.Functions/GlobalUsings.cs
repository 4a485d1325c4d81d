// The namespaces nearly every file of the app reads: the Functions worker, ASP.NET Core's HTTP
// model, Durable Task, logging and options, Table Storage, and the app's own stages. A file names
// only what is particular to it. NeglectAudit.Actions is left out: its ChaseStep (an action's
// chase) would make the return chase's ChaseStep ambiguous everywhere else; so is Azure, whose
// Response and AsyncPageable clash with SendGrid's and Durable Task's.
global using System.Globalization;
global using Azure.Data.Tables;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.Azure.Functions.Worker;
global using Microsoft.DurableTask;
global using Microsoft.DurableTask.Client;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
global using NeglectAudit.Calendar;
global using NeglectAudit.Chasing;
global using NeglectAudit.Common;
global using NeglectAudit.Cycle;
global using NeglectAudit.Findings;
global using NeglectAudit.Links;
global using NeglectAudit.Notifications;
global using NeglectAudit.Retention;
global using NeglectAudit.Returns;
global using NeglectAudit.Security;
global using NeglectAudit.Storage;
global using NeglectAudit.Telemetry;
global using NeglectAudit.Web;
global using NeglectAudit.Web.Ui;
