import {
	searchCustomers,
	searchTeams,
	searchTickets,
	searchUsers,
	searchViews,
} from './listSearch';
import { getTags, getTicketCustomFields } from './loadOptions';

/** What the editor looks up in Gorgias: the lists behind the node's pickers. */
export const methods = {
	listSearch: { searchCustomers, searchTeams, searchTickets, searchUsers, searchViews },
	loadOptions: { getTags, getTicketCustomFields },
};
