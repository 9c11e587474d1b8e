import {
	searchCustomers,
	searchMacros,
	searchSatisfactionSurveys,
	searchTags,
	searchTeams,
	searchTickets,
	searchUsers,
	searchViews,
} from './listSearch';
import { getLanguages, getTags, getTicketCustomFields, getTimezones } from './loadOptions';

/** What the editor looks up in Gorgias: the lists behind the node's pickers. */
export const methods = {
	listSearch: {
		searchCustomers,
		searchMacros,
		searchSatisfactionSurveys,
		searchTags,
		searchTeams,
		searchTickets,
		searchUsers,
		searchViews,
	},
	loadOptions: { getLanguages, getTags, getTicketCustomFields, getTimezones },
};
