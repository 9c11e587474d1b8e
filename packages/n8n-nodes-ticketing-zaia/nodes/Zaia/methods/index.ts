import { searchAssignees, searchChats, searchTags, searchTeams, searchTickets } from './listSearch';
import { getResponders, getTags } from './loadOptions';

/** What the editor looks up in Zaia: the lists behind the node's pickers. */
export const methods = {
	listSearch: { searchAssignees, searchChats, searchTags, searchTeams, searchTickets },
	loadOptions: { getResponders, getTags },
};
