// apply-shared: the app's stylesheet (where the tab bar's classes are) reaches into this component.
export default { component: true, styleIsolation: 'apply-shared' }
